/**
 * Printer status: DLE EOT n real-time replies (protocols.md §2.6), Automatic Status Back frames
 * (§2.7), a byte classifier that separates the two when they interleave, and the mapping to the
 * device Health vocabulary. The bit positions come from the profile's StatusBits, never from here.
 */
import type { Health } from '../../core';
import type { StatusBit, StatusBits, StatusQuery } from './profiles';

export type PaperState = 'ok' | 'nearEnd' | 'out';

/** The family detail reported with Health (and printed by `yizhan device printer status --json`). */
export interface PrinterDetail {
  online: boolean;
  paper: PaperState;
  coverOpen: boolean;
  /** Null on a model without an autocutter, which cannot report one. */
  cutterError: boolean | null;
  /** False while a receipt waits in the presenter; null when the model cannot tell. */
  receiptTaken: boolean | null;
}

/** Every condition the replies can carry; `receiptNotTaken` is null when the model has no sensor. */
export interface PrinterConditions {
  offline: boolean;
  coverOpen: boolean;
  paperEndStop: boolean;
  errorOccurred: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  receiptNotTaken: boolean | null;
}

export type StatusReplies = Partial<Record<StatusQuery, number>>;

export type StatusFrame =
  { kind: 'realtime'; byte: number } | { kind: 'asb'; bytes: [number, number, number, number] };

/** DLE EOT replies match 0xx1xx10: (b & 0x93) === 0x12 (KP628 frees bit 7: mask 0x13). */
export const isRealtimeReply = (b: number, replyMask = 0x93): boolean => (b & replyMask) === 0x12;

/** The first ASB byte matches 0xx1xx00: (b & 0x93) === 0x10. */
export const isAsbHeader = (b: number, replyMask = 0x93): boolean => (b & replyMask) === 0x10;

/** ASB bytes 2–4 have bit 4 and bit 7 clear. */
const isAsbTrailer = (b: number): boolean => (b & 0x90) === 0;

/**
 * Splits the printer's reply stream into real-time replies and 4-byte ASB frames by each byte's
 * fixed bits. A real-time reply (bit 4 set) may arrive in the middle of an ASB frame (bit 4 clear
 * in bytes 2–4); it is emitted at once and the frame continues. Anything else is counted as noise.
 */
export class StatusClassifier {
  #asb: number[] | undefined;
  noise = 0;

  constructor(private readonly replyMask = 0x93) {}

  push(chunk: Uint8Array): StatusFrame[] {
    const frames: StatusFrame[] = [];
    for (const b of chunk) {
      if (this.#asb && isAsbTrailer(b)) {
        this.#asb.push(b);
        if (this.#asb.length === 4) {
          frames.push({ kind: 'asb', bytes: this.#asb as [number, number, number, number] });
          this.#asb = undefined;
        }
      } else if (isRealtimeReply(b, this.replyMask)) {
        frames.push({ kind: 'realtime', byte: b });
      } else if (isAsbHeader(b, this.replyMask)) {
        if (this.#asb) this.noise += this.#asb.length;
        this.#asb = [b];
      } else {
        this.noise++;
      }
    }
    return frames;
  }
}

const isSet = (byte: number | undefined, bit: StatusBit): boolean =>
  byte !== undefined && (byte & bit.mask) === (bit.value ?? bit.mask);

/**
 * Decodes the replies to DLE EOT 1–4 with the model's bit map. Conditions whose query is missing
 * from `replies` are left out, so a caller can merge partial polls into what it knew.
 */
export function decodeRealtime(replies: StatusReplies, bits: StatusBits): Partial<PrinterConditions> {
  const out: Partial<PrinterConditions> = {};
  const keys = [
    'offline',
    'coverOpen',
    'paperEndStop',
    'errorOccurred',
    'cutterError',
    'unrecoverableError',
    'autoRecoverableError',
    'paperNearEnd',
    'paperOut',
  ] as const;
  for (const key of keys) {
    const bit = bits[key];
    if (replies[bit.n] !== undefined) out[key] = isSet(replies[bit.n], bit);
  }
  const nt = bits.receiptNotTaken;
  if (nt && replies[nt.n] !== undefined) out.receiptNotTaken = isSet(replies[nt.n], nt);
  return out;
}

/**
 * Decodes a 4-byte ASB frame (§2.7): byte 1 bit3 offline, bit5 cover open; byte 2 bit3 autocutter
 * error, bit5 unrecoverable, bit6 auto-recoverable; byte 3 bits0–1 near end, bits2–3 paper end.
 */
export function decodeAsb(
  bytes: readonly [number, number, number, number],
): Omit<PrinterConditions, 'receiptNotTaken'> {
  const [b1, b2, b3] = bytes;
  return {
    offline: (b1 & 0x08) !== 0,
    coverOpen: (b1 & 0x20) !== 0,
    errorOccurred: (b2 & 0x6c) !== 0,
    cutterError: (b2 & 0x08) !== 0,
    unrecoverableError: (b2 & 0x20) !== 0,
    autoRecoverableError: (b2 & 0x40) !== 0,
    paperNearEnd: (b3 & 0x03) !== 0,
    paperOut: (b3 & 0x0c) !== 0,
    paperEndStop: (b3 & 0x0c) !== 0,
  };
}

export const NO_CONDITIONS: PrinterConditions = {
  offline: false,
  coverOpen: false,
  paperEndStop: false,
  errorOccurred: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
  paperNearEnd: false,
  paperOut: false,
  receiptNotTaken: null,
};

/** The reported detail; fields the model has no sensor for (`caps`) are null. */
export function toDetail(c: PrinterConditions, caps: { cutter: boolean } = { cutter: true }): PrinterDetail {
  return {
    online: !c.offline,
    paper: c.paperOut || c.paperEndStop ? 'out' : c.paperNearEnd ? 'nearEnd' : 'ok',
    coverOpen: c.coverOpen,
    cutterError: caps.cutter ? c.cutterError : null,
    receiptTaken: c.receiptNotTaken === null ? null : !c.receiptNotTaken,
  };
}

/**
 * Health from conditions: a cutter or unrecoverable error needs a technician (hardwareError);
 * paper out, cover open or offline stop service (offline); an untaken receipt needs the customer
 * (userError); near end still serves (online, detail says nearEnd).
 */
export function healthOf(c: PrinterConditions): Health {
  if (c.cutterError || c.unrecoverableError) return 'hardwareError';
  if (c.paperOut || c.paperEndStop || c.coverOpen || c.offline) return 'offline';
  if (c.receiptNotTaken) return 'userError';
  return 'online';
}

/** Why a printer cannot take a job now, as a camelCase reason; null when it can. */
export function blockingReason(
  c: PrinterConditions,
): 'paperOut' | 'coverOpen' | 'offline' | 'cutterError' | 'hardwareError' | null {
  if (c.paperOut || c.paperEndStop) return 'paperOut';
  if (c.coverOpen) return 'coverOpen';
  if (c.cutterError) return 'cutterError';
  if (c.unrecoverableError) return 'hardwareError';
  if (c.offline) return 'offline';
  return null;
}
