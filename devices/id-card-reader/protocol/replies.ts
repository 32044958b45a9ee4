import type { SamCommandName } from './commands';
import { encodeFrame, type SamFrame } from './frame';
import { SW3 } from './status';

/** Response payload: SW1 SW2 SW3 [DATA] (protocols.md §1.2). */
export interface SamResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;
export const FINGERPRINT_BYTES = 1024;
export const EXTRA_ADDRESS_BYTES = 70;
export const SAM_ID_BYTES = 16;

/** Splits a response payload; undefined when it is shorter than SW1 SW2 SW3. */
export function parseResponse(frame: SamFrame): SamResponse | undefined {
  const p = frame.payload;
  if (p.length < 3) return undefined;
  return { sw1: p[0]!, sw2: p[1]!, sw3: p[2]!, data: p.slice(3) };
}

/** Success SW3 and data length per command; a failure reply carries no data. */
const SUCCESS_SHAPE: Record<SamCommandName, { sw3: number; minData: number; maxData: number }> = {
  resetSam: { sw3: SW3.success, minData: 0, maxData: 0 },
  samStatus: { sw3: SW3.success, minData: 0, maxData: 0 },
  readSamId: { sw3: SW3.success, minData: SAM_ID_BYTES, maxData: SAM_ID_BYTES },
  findCard: { sw3: SW3.cardFound, minData: 4, maxData: 4 },
  selectCard: { sw3: SW3.success, minData: 8, maxData: 8 },
  readBase: { sw3: SW3.success, minData: 4 + TEXT_BYTES, maxData: 4 + TEXT_BYTES + PHOTO_BYTES },
  readBaseWithFingerprint: {
    sw3: SW3.success,
    minData: 6 + TEXT_BYTES,
    maxData: 6 + TEXT_BYTES + PHOTO_BYTES + FINGERPRINT_BYTES,
  },
  readExtraAddress: { sw3: SW3.success, minData: EXTRA_ADDRESS_BYTES, maxData: EXTRA_ADDRESS_BYTES },
};

/**
 * Whether `r` can be the reply to `command`. Replies carry no command echo, so a late reply to an
 * earlier, timed-out command (a find's 9F arriving while a select waits) is told apart by its shape.
 */
export function isPlausibleReply(command: SamCommandName, r: SamResponse): boolean {
  const shape = SUCCESS_SHAPE[command];
  if (r.sw3 === shape.sw3) return r.data.length >= shape.minData && r.data.length <= shape.maxData;
  return r.data.length === 0 && r.sw3 !== SW3.success && r.sw3 !== SW3.cardFound;
}

/** The 30 01 / 30 10 data: TL(2,BE) PL(2,BE) [FL(2,BE)] TEXT PHOTO [FP] (§1.6). */
export interface CardBlocks {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint?: Uint8Array;
}

export type BlocksResult = { ok: true; blocks: CardBlocks } | { ok: false; reason: string };

/** Parses the data of a successful 30 01 (`withFingerprint` false) or 30 10 reply. */
export function parseCardBlocks(data: Uint8Array, withFingerprint: boolean): BlocksResult {
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) return { ok: false, reason: 'shortHeader' };
  const tl = (data[0]! << 8) | data[1]!;
  const pl = (data[2]! << 8) | data[3]!;
  const fl = withFingerprint ? (data[4]! << 8) | data[5]! : 0;
  if (tl !== TEXT_BYTES) return { ok: false, reason: 'badTextLength' };
  if (data.length !== header + tl + pl + fl) return { ok: false, reason: 'lengthMismatch' };
  const text = data.slice(header, header + tl);
  const photo = data.slice(header + tl, header + tl + pl);
  if (fl === 0) return { ok: true, blocks: { text, photo } };
  return { ok: true, blocks: { text, photo, fingerprint: data.slice(header + tl + pl) } };
}

/** SAM ID data: u16 LE, u16 LE, u32 LE ×3, printed `%02d.%02d-%08d-%010d-%010d` (§1.9). */
export function formatSamId(data: Uint8Array): string | undefined {
  if (data.length < SAM_ID_BYTES) return undefined;
  const v = new DataView(data.buffer, data.byteOffset, SAM_ID_BYTES);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return [
    `${pad(v.getUint16(0, true), 2)}.${pad(v.getUint16(2, true), 2)}`,
    pad(v.getUint32(4, true), 8),
    pad(v.getUint32(8, true), 10),
    pad(v.getUint32(12, true), 10),
  ].join('-');
}

// ---- Response builders (the simulator's side of the same codec) ----

/** 00 00 SW3 [DATA] in a frame. */
export function buildResponse(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const payload = new Uint8Array(3 + data.length);
  payload[2] = sw3;
  payload.set(data, 3);
  return encodeFrame(payload);
}

/** Find OK: 00 00 9F + 4 bytes of management info (usually 0) → … 00 08 00 00 9F 00 00 00 00 97. */
export const buildFindOkResponse = (): Uint8Array => buildResponse(SW3.cardFound, new Uint8Array(4));

/** Select OK: 00 00 90 + 8-byte chip serial → … 00 0C 00 00 90 <8> CHK. */
export const buildSelectOkResponse = (serial: Uint8Array = new Uint8Array(8)): Uint8Array =>
  buildResponse(SW3.success, serial.slice(0, 8));

/** 30 01 / 30 10 OK: 00 00 90 TL PL [FL] TEXT PHOTO [FP]; LEN = 05 08 (1295 bytes) or 09 0A (2321 bytes). */
export function buildCardBlocksResponse(blocks: CardBlocks, withFingerprint: boolean): Uint8Array {
  const fp = withFingerprint ? (blocks.fingerprint ?? new Uint8Array(0)) : undefined;
  const header = fp ? 6 : 4;
  const data = new Uint8Array(header + blocks.text.length + blocks.photo.length + (fp?.length ?? 0));
  data[0] = blocks.text.length >> 8;
  data[1] = blocks.text.length & 0xff;
  data[2] = blocks.photo.length >> 8;
  data[3] = blocks.photo.length & 0xff;
  if (fp) {
    data[4] = fp.length >> 8;
    data[5] = fp.length & 0xff;
  }
  data.set(blocks.text, header);
  data.set(blocks.photo, header + blocks.text.length);
  if (fp) data.set(fp, header + blocks.text.length + blocks.photo.length);
  return buildResponse(SW3.success, data);
}

/** 30 03 OK: 00 00 90 + 70 bytes UCS-2LE → LEN = 00 4A, 81 bytes (§1.6, inferred). */
export const buildExtraAddressResponse = (address: Uint8Array): Uint8Array =>
  buildResponse(SW3.success, address.slice(0, EXTRA_ADDRESS_BYTES));

/** 12 FF OK: 00 00 90 + 16 bytes → LEN = 00 14, 27 bytes. Parts are u16, u16, u32, u32, u32 (LE). */
export function buildSamIdResponse(parts: readonly [number, number, number, number, number]): Uint8Array {
  const data = new Uint8Array(SAM_ID_BYTES);
  const v = new DataView(data.buffer);
  v.setUint16(0, parts[0], true);
  v.setUint16(2, parts[1], true);
  v.setUint32(4, parts[2], true);
  v.setUint32(8, parts[3], true);
  v.setUint32(12, parts[4], true);
  return buildResponse(SW3.success, data);
}
