import iconv from 'iconv-lite';
import { z } from 'zod';
import { asciiBytes, hexToBytes } from '../protocol/apdu';
import { concatBytes, encodeTlv } from '../protocol/tlv';

/**
 * A scripted card profile (JSON). Values are written the way the specifications print them:
 * - a hex string ("9000", "A0000003330101"),
 * - {"ascii": "...", "length"?: n} / {"gbk": "...", "length"?: n} (padded with spaces / 00),
 * - {"bcd": "20200101"},
 * - or a TLV list: [["6F", [["84", "…"], ["A5", […]]]], ["9F38", "9F6604"]].
 */
export type ValueSpec =
  | string
  | { ascii: string; length?: number }
  | { gbk: string; length?: number }
  | { bcd: string }
  | TlvNode[];
export type TlvNode = [string, ValueSpec];

const valueSpec: z.ZodType<ValueSpec> = z.lazy(() =>
  z.union([
    z.string(),
    z.object({ ascii: z.string(), length: z.number().int().min(0).optional() }).strict(),
    z.object({ gbk: z.string(), length: z.number().int().min(0).optional() }).strict(),
    z.object({ bcd: z.string().regex(/^\d*$/) }).strict(),
    z.array(z.tuple([z.string().regex(/^([0-9A-Fa-f]{2})+$/), valueSpec])),
  ]),
) as z.ZodType<ValueSpec>;

const applicationSchema = z
  .object({
    /** DF name / AID the card answers SELECT for (hex, or {"ascii"|"gbk"} for names like SSSE). */
    name: valueSpec,
    label: z.string().optional(),
    /** SELECT response data (the FCI, usually a 6F template). */
    fci: valueSpec.optional(),
    /** records[sfi][record] = record content. */
    records: z.record(z.string().regex(/^\d+$/), z.record(z.string().regex(/^\d+$/), valueSpec)).default({}),
    gpo: z
      .object({
        format: z.union([z.literal(1), z.literal(2)]),
        aip: z.string(),
        afl: z.string(),
        /** Extra objects inside the format 2 template (e.g. 57). */
        extra: z.array(z.tuple([z.string(), valueSpec])).optional(),
      })
      .strict()
      .optional(),
    /** GET DATA values by tag. */
    data: z.record(z.string(), valueSpec).default({}),
  })
  .strict();

export const faultsSchema = z
  .object({
    /** Behave as a card without any known application: every SELECT answers 6A82. */
    wrongCard: z.boolean().optional(),
    /** Close the vpcd socket (card pulled) after this many APDUs. */
    pulledMidRead: z
      .object({ afterApdus: z.number().int().min(0) })
      .strict()
      .optional(),
    /** The first READ RECORD is answered 6C xx with the right length, whatever Le was. */
    answer6Cxx: z.boolean().optional(),
    /** Data is returned T=0 style: 61 xx, then GET RESPONSE in chunks of `chunk` bytes. */
    answer61xx: z
      .object({ chunk: z.number().int().min(1).max(256) })
      .strict()
      .optional(),
  })
  .strict();

export const cardProfileSchema = z
  .object({
    description: z.string(),
    atr: z.string().regex(/^([0-9A-Fa-f]{2})+$/),
    applications: z.array(applicationSchema),
    faults: faultsSchema.default({}),
  })
  .strict();

export type CardProfile = z.infer<typeof cardProfileSchema>;
export type CardFaults = z.infer<typeof faultsSchema>;
export type ApplicationProfile = z.infer<typeof applicationSchema>;

/** Parses profile JSON (already JSON.parse'd); throws a readable error listing what is wrong. */
export function parseCardProfile(json: unknown): CardProfile {
  const r = cardProfileSchema.safeParse(json);
  if (!r.success) throw new Error(`invalid card profile: ${z.prettifyError(r.error)}`);
  return r.data;
}

/**
 * Parses CLI fault switches: "wrongCard", "answer6Cxx", "answer61xx=16", "pulledMidRead=4".
 * Throws on anything unknown.
 */
export function parseFaultSwitches(switches: readonly string[]): CardFaults {
  const faults: CardFaults = {};
  for (const sw of switches) {
    const [name, raw] = sw.split('=', 2) as [string, string | undefined];
    const n = raw === undefined ? undefined : Number(raw);
    if (name === 'wrongCard' && n === undefined) faults.wrongCard = true;
    else if (name === 'answer6Cxx' && n === undefined) faults.answer6Cxx = true;
    else if (name === 'answer61xx') faults.answer61xx = { chunk: n ?? 32 };
    else if (name === 'pulledMidRead') faults.pulledMidRead = { afterApdus: n ?? 3 };
    else
      throw new Error(
        `unknown fault "${sw}" (wrongCard, answer6Cxx, answer61xx[=chunk], pulledMidRead[=apdus])`,
      );
  }
  return faultsSchema.parse(faults);
}

/** Encodes a value spec to bytes. */
export function encodeValue(spec: ValueSpec): Uint8Array {
  if (typeof spec === 'string') return hexToBytes(spec);
  if (Array.isArray(spec))
    return concatBytes(spec.map(([tag, v]) => encodeTlv(tag.toUpperCase(), encodeValue(v))));
  if ('bcd' in spec) return hexToBytes(spec.bcd.length % 2 ? `${spec.bcd}F` : spec.bcd);
  const raw = 'ascii' in spec ? asciiBytes(spec.ascii) : Uint8Array.from(iconv.encode(spec.gbk, 'gbk'));
  if (spec.length === undefined || raw.length >= spec.length) return raw.slice(0, spec.length ?? raw.length);
  const out = new Uint8Array(spec.length).fill('ascii' in spec ? 0x20 : 0x00);
  out.set(raw);
  return out;
}
