// Grow GM65 / GM8xx serial command protocol (protocols.md §5.2) [H]:
//   command: 7E 00 TYPE LEN ADDR_hi ADDR_lo DATA[LEN] CRC_hi CRC_lo   (CRC16-XMODEM over TYPE..DATA;
//            the literal AB CD may replace it to skip the check)
//   reply:   02 00 00 LEN DATA[LEN] CRC_hi CRC_lo                      (CRC over 00 LEN DATA)
// TYPE 07 = read zones (DATA = number of zones), 08 = write zones, 09 = save zones to flash.
import type { DecodeResult } from '../../core';
import { crc16Xmodem } from './crc16';

export const GM65_TYPE = { read: 0x07, write: 0x08, save: 0x09 } as const;
export type Gm65CommandType = keyof typeof GM65_TYPE;

export interface Gm65Command {
  type: Gm65CommandType;
  address: number;
  data: Uint8Array;
}

export interface Gm65Reply {
  data: Uint8Array;
}

/** 7E 00 TYPE LEN ADDR_hi ADDR_lo DATA CRC */
export function encodeGm65Command(cmd: Gm65Command): Uint8Array {
  const typeByte = GM65_TYPE[cmd.type];
  const f = new Uint8Array(8 + cmd.data.length);
  f.set([0x7e, 0x00, typeByte, cmd.data.length, cmd.address >> 8, cmd.address & 0xff]);
  f.set(cmd.data, 6);
  const crc = crc16Xmodem(f, 2, 6 + cmd.data.length);
  f[6 + cmd.data.length] = crc >> 8;
  f[7 + cmd.data.length] = crc & 0xff;
  return f;
}

/** Write `values` into consecutive zones from `address`, e.g. 7E 00 08 01 00 02 01 02 DA (trigger a scan). */
export const writeZones = (address: number, values: ArrayLike<number>): Uint8Array =>
  encodeGm65Command({ type: 'write', address, data: Uint8Array.from(values) });

/** Read `count` zones from `address`: 7E 00 07 01 ADDR COUNT CRC. */
export const readZones = (address: number, count = 1): Uint8Array =>
  encodeGm65Command({ type: 'read', address, data: Uint8Array.of(count) });

/** Persist the zones to flash: 7E 00 09 01 00 00 00 DE C8. */
export const saveZones = (): Uint8Array =>
  encodeGm65Command({ type: 'save', address: 0, data: Uint8Array.of(0) });

/** 02 00 00 LEN DATA CRC */
export function encodeGm65Reply(data: ArrayLike<number>): Uint8Array {
  const f = new Uint8Array(6 + data.length);
  f.set([0x02, 0x00, 0x00, data.length]);
  f.set(Array.from(data), 4);
  const crc = crc16Xmodem(f, 2, 4 + data.length);
  f[4 + data.length] = crc >> 8;
  f[5 + data.length] = crc & 0xff;
  return f;
}

/** The write/save success reply: 02 00 00 01 00 33 31. */
export const GM65_OK = encodeGm65Reply([0x00]);

export function decodeGm65Reply(buf: Uint8Array): DecodeResult<Gm65Reply> {
  if (buf.length === 0) return { kind: 'need-more' };
  if (buf[0] !== 0x02) {
    const i = buf.indexOf(0x02);
    return { kind: 'skip', consumed: i < 0 ? buf.length : i, reason: 'no-start' };
  }
  if (buf.length < 4) return { kind: 'need-more' };
  if (buf[1] !== 0x00 || buf[2] !== 0x00) return { kind: 'skip', consumed: 1, reason: 'bad-header' };
  const len = buf[3]!;
  const total = 6 + len;
  if (buf.length < total) return { kind: 'need-more' };
  const crc = crc16Xmodem(buf, 2, 4 + len);
  if (buf[4 + len] !== crc >> 8 || buf[5 + len] !== (crc & 0xff))
    return { kind: 'skip', consumed: 1, reason: 'bad-checksum' };
  return { kind: 'frame', consumed: total, frame: { data: buf.slice(4, 4 + len) } };
}

/** Simulator side: decodes a host command; accepts AB CD in place of the CRC, as the module does. */
export function decodeGm65Command(buf: Uint8Array): DecodeResult<Gm65Command> {
  if (buf.length === 0) return { kind: 'need-more' };
  if (buf[0] !== 0x7e) {
    const i = buf.indexOf(0x7e);
    return { kind: 'skip', consumed: i < 0 ? buf.length : i, reason: 'no-start' };
  }
  if (buf.length < 4) return { kind: 'need-more' };
  const type = (Object.keys(GM65_TYPE) as Gm65CommandType[]).find((k) => GM65_TYPE[k] === buf[2]);
  if (buf[1] !== 0x00 || !type) return { kind: 'skip', consumed: 1, reason: 'bad-header' };
  const len = buf[3]!;
  const total = 8 + len;
  if (buf.length < total) return { kind: 'need-more' };
  const [hi, lo] = [buf[6 + len]!, buf[7 + len]!];
  const crc = crc16Xmodem(buf, 2, 6 + len);
  const bypass = hi === 0xab && lo === 0xcd;
  if (!bypass && (hi !== crc >> 8 || lo !== (crc & 0xff)))
    return { kind: 'skip', consumed: 1, reason: 'bad-checksum' };
  return {
    kind: 'frame',
    consumed: total,
    frame: { type, address: (buf[4]! << 8) | buf[5]!, data: buf.slice(6, 6 + len) },
  };
}
