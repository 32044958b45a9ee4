/**
 * IPP/1.1 message codec (RFC 8010 §3): pure, bytes in and out. Enough of the encoding for a print
 * client: integers, enums, booleans, strings of every text tag, out-of-band values; other value tags
 * (dateTime, resolution, collections...) decode to raw bytes so a response never fails to parse.
 */

/** Delimiter tags that open an attribute group. */
export const GROUP = { operation: 0x01, job: 0x02, end: 0x03, printer: 0x04, unsupported: 0x05 } as const;

export const TAG = {
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
} as const;

export const OPERATION = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getJobs: 0x000a,
  getPrinterAttributes: 0x000b,
} as const;

export type IppValue = number | boolean | string | Uint8Array | null;

export interface IppAttribute {
  name: string;
  tag: number;
  values: IppValue[];
}

export interface IppGroup {
  tag: number;
  attributes: IppAttribute[];
}

export interface IppRequest {
  operation: number;
  requestId: number;
  groups: IppGroup[];
  /** Document bytes appended after the end-of-attributes tag (Print-Job). */
  data?: Uint8Array;
}

export interface IppResponse {
  version: string;
  /** 0x0000–0x00ff success, 0x0400+ client error, 0x0500+ server error. */
  status: number;
  requestId: number;
  groups: IppGroup[];
}

const INTEGER_TAGS = new Set<number>([TAG.integer, TAG.enum]);
const STRING_TAGS = new Set<number>([
  TAG.text,
  TAG.name,
  TAG.keyword,
  TAG.uri,
  TAG.charset,
  TAG.naturalLanguage,
  TAG.mimeMediaType,
  0x46 /* uriScheme */,
  0x4a /* memberAttrName */,
]);

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export const attr = (name: string, tag: number, ...values: IppValue[]): IppAttribute => ({
  name,
  tag,
  values,
});

/** The two attributes every request starts with (RFC 8011 §4.1.4). */
export const operationPreamble = (): IppAttribute[] => [
  attr('attributes-charset', TAG.charset, 'utf-8'),
  attr('attributes-natural-language', TAG.naturalLanguage, 'zh-cn'),
];

function encodeValue(tag: number, value: IppValue): Uint8Array {
  if (value === null || tag < 0x20) return new Uint8Array(0);
  if (INTEGER_TAGS.has(tag)) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setInt32(0, Number(value));
    return out;
  }
  if (tag === TAG.boolean) return Uint8Array.of(value ? 1 : 0);
  if (value instanceof Uint8Array) return value;
  return utf8.encode(String(value));
}

export function encodeRequest(req: IppRequest): Uint8Array {
  const parts: number[] = [2, 0, req.operation >> 8, req.operation & 0xff];
  parts.push(
    (req.requestId >>> 24) & 0xff,
    (req.requestId >>> 16) & 0xff,
    (req.requestId >>> 8) & 0xff,
    req.requestId & 0xff,
  );
  for (const group of req.groups) {
    parts.push(group.tag);
    for (const a of group.attributes) {
      a.values.forEach((v, i) => {
        const name = i === 0 ? utf8.encode(a.name) : new Uint8Array(0);
        const value = encodeValue(a.tag, v);
        parts.push(
          a.tag,
          name.length >> 8,
          name.length & 0xff,
          ...name,
          value.length >> 8,
          value.length & 0xff,
          ...value,
        );
      });
    }
  }
  parts.push(GROUP.end);
  const head = Uint8Array.from(parts);
  if (!req.data) return head;
  const out = new Uint8Array(head.length + req.data.length);
  out.set(head);
  out.set(req.data, head.length);
  return out;
}

export class IppDecodeError extends Error {
  override readonly name = 'IppDecodeError';
}

export function decodeResponse(bytes: Uint8Array): IppResponse {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, n: number) => {
    if (at + n > bytes.length) throw new IppDecodeError(`truncated IPP message at byte ${at}`);
  };
  need(0, 8);
  const res: IppResponse = {
    version: `${bytes[0]}.${bytes[1]}`,
    status: view.getUint16(2),
    requestId: view.getInt32(4),
    groups: [],
  };
  let at = 8;
  let group: IppGroup | undefined;
  let last: IppAttribute | undefined;
  for (;;) {
    need(at, 1);
    const tag = bytes[at]!;
    if (tag === GROUP.end) break;
    if (tag < 0x10) {
      group = { tag, attributes: [] };
      res.groups.push(group);
      last = undefined;
      at += 1;
      continue;
    }
    if (!group) throw new IppDecodeError('attribute before any group tag');
    need(at, 3);
    const nameLength = view.getUint16(at + 1);
    need(at + 3, nameLength + 2);
    const name = fromUtf8.decode(bytes.subarray(at + 3, at + 3 + nameLength));
    const valueLength = view.getUint16(at + 3 + nameLength);
    const start = at + 5 + nameLength;
    need(start, valueLength);
    const raw = bytes.subarray(start, start + valueLength);
    at = start + valueLength;
    const value = decodeValue(tag, raw);
    if (nameLength === 0 && last) last.values.push(value);
    else {
      last = { name, tag, values: [value] };
      group.attributes.push(last);
    }
  }
  return res;
}

function decodeValue(tag: number, raw: Uint8Array): IppValue {
  if (tag < 0x20) return null;
  if (INTEGER_TAGS.has(tag) && raw.length === 4)
    return new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0);
  if (tag === TAG.boolean && raw.length === 1) return raw[0] !== 0;
  if (STRING_TAGS.has(tag) || tag === 0x35 || tag === 0x36) return fromUtf8.decode(raw);
  return raw.slice();
}

/** All attributes of the first group with `groupTag`, by name. */
export function attributesOf(res: IppResponse, groupTag: number): Map<string, IppValue[]> {
  const g = res.groups.find((x) => x.tag === groupTag);
  return new Map((g?.attributes ?? []).map((a) => [a.name, a.values]));
}

/** Every group with `groupTag` (Get-Jobs returns one job group per job). */
export function groupsOf(res: IppResponse, groupTag: number): Map<string, IppValue[]>[] {
  return res.groups
    .filter((g) => g.tag === groupTag)
    .map((g) => new Map(g.attributes.map((a) => [a.name, a.values])));
}

export const isSuccess = (status: number): boolean => status < 0x0100;
