import type { DecodeResult } from '../../core';

/**
 * vsmartcard vpcd wire format (protocols §3.4): every message in both directions is a 2-byte
 * big-endian length followed by the payload. A 1-byte payload from vpcd is a control code; a longer
 * one is a C-APDU. The card answers only GET ATR and APDUs.
 */
export const VPCD_CONTROL = { powerOff: 0x00, powerOn: 0x01, reset: 0x02, getAtr: 0x04 } as const;
export const VPCD_DEFAULT_PORT = 35963;

export type VpcdMessage = { kind: 'control'; code: number } | { kind: 'apdu'; apdu: Uint8Array };

export function decodeVpcdMessage(buf: Uint8Array): DecodeResult<VpcdMessage> {
  if (buf.length < 2) return { kind: 'need-more' };
  const len = ((buf[0] ?? 0) << 8) | (buf[1] ?? 0);
  if (buf.length < 2 + len) return { kind: 'need-more' };
  const payload = buf.slice(2, 2 + len);
  if (len === 0) return { kind: 'skip', consumed: 2, reason: 'empty message' };
  const frame: VpcdMessage =
    len === 1 ? { kind: 'control', code: payload[0] ?? 0 } : { kind: 'apdu', apdu: payload };
  return { kind: 'frame', frame, consumed: 2 + len };
}

export function encodeVpcdMessage(payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffff) throw new RangeError('vpcd messages are limited to 65535 bytes');
  const out = new Uint8Array(payload.length + 2);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}
