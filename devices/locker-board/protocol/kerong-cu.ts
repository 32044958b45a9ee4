// Kerong KR-CU16 / CU12, the "CU" protocol (protocols.md §4.2): 19200 8N1,
//   02 ADDR CMD [data] 03 SUM      SUM = low byte of the sum of every preceding byte (02 included)
// ADDR: high nibble = board 0–15, low nibble = lock 0–15 (door = lock + 1); F0 addresses the bus.
// Status-type replies (30, 31, 32, 33) carry four data bytes:
//   02 ADDR CMD hook1-8 hook9-16 IR1-8 IR9-16 03 SUM       (9 bytes)
// The unlock reply's layout follows the CartWise driver, which parses it as a status frame [M].
import type { DecodeResult } from '../../core';
import { packBitmap, unpackBitmap } from './bitmap';
import {
  checkAddress,
  type BitmapLayout,
  type BoardBits,
  type LockerProtocol,
  type LockerReply,
  type LockerRequest,
} from './types';

const STX = 0x02;
const ETX = 0x03;
const BUS = 0xf0;
export const CU_CMD = { status: 0x30, unlock: 0x31, busStatus: 0x32, unlockAll: 0x33 } as const;
/** Data bytes each request command carries (37 pulse time hi lo; 39 delay seconds; 40 baud code). */
const REQUEST_DATA_LENGTH: Record<number, number> = {
  0x30: 0,
  0x31: 0,
  0x32: 0,
  0x33: 0,
  0x35: 0,
  0x36: 0,
  0x37: 2,
  0x38: 0,
  0x39: 1,
  0x40: 1,
};
const STATUS_DATA_LENGTH = 4;

export const sumChecksum = (bytes: ArrayLike<number>, end = bytes.length): number => {
  let acc = 0;
  for (let i = 0; i < end; i++) acc += bytes[i]!;
  return acc & 0xff;
};

/** 02 ADDR CMD [data] 03 SUM */
export function encodeCuFrame(addr: number, cmd: number, data: ArrayLike<number> = []): Uint8Array {
  const f = new Uint8Array(5 + data.length);
  f.set([STX, addr, cmd]);
  f.set(Array.from(data), 3);
  f[3 + data.length] = ETX;
  f[4 + data.length] = sumChecksum(f, 4 + data.length);
  return f;
}

/** Decodes one frame whose data length is known; noise before 02 and bad sums are skipped. */
function decodeCuFrame(
  buf: Uint8Array,
  dataLength: (cmd: number) => number | undefined,
): DecodeResult<{ addr: number; cmd: number; data: Uint8Array }> {
  if (buf.length === 0) return { kind: 'need-more' };
  if (buf[0] !== STX) {
    const i = buf.indexOf(STX);
    return { kind: 'skip', consumed: i < 0 ? buf.length : i, reason: 'no-start' };
  }
  if (buf.length < 3) return { kind: 'need-more' };
  const len = dataLength(buf[2]!);
  if (len === undefined) return { kind: 'skip', consumed: 1, reason: 'unknown-command' };
  const total = 5 + len;
  if (buf.length < total) return { kind: 'need-more' };
  if (buf[3 + len] !== ETX) return { kind: 'skip', consumed: 1, reason: 'bad-end' };
  if (sumChecksum(buf, 4 + len) !== buf[4 + len])
    return { kind: 'skip', consumed: 1, reason: 'bad-checksum' };
  return {
    kind: 'frame',
    consumed: total,
    frame: { addr: buf[1]!, cmd: buf[2]!, data: buf.slice(3, 3 + len) },
  };
}

/** One address byte: board in the high nibble (0–15), lock in the low nibble (doors 1–16). */
const LIMITS_CU = { name: 'cu', boardRange: { min: 0, max: 15 }, maxDoorsPerBoard: 16 } as const;

export const DEFAULT_CU_LAYOUT: BitmapLayout = {
  doorsPerBoard: 16,
  groupOrder: 'lowFirst',
  bitOrder: 'lsbFirst',
};

export function createCuProtocol(layout: BitmapLayout = DEFAULT_CU_LAYOUT): LockerProtocol {
  const addr = (board: number, door = 1) => ((board & 0x0f) << 4) | ((door - 1) & 0x0f);
  // hook and IR bitmaps are two bytes each, whatever the board's door count (CU12 leaves bits unused).
  const toBits = (data: Uint8Array): BoardBits => ({
    feedback: unpackBitmap(data.subarray(0, 2), layout),
    itemPresent: unpackBitmap(data.subarray(2, 4), layout),
  });
  const fromBits = (bits: BoardBits | undefined): Uint8Array => {
    const out = new Uint8Array(STATUS_DATA_LENGTH);
    if (!bits) return out;
    out.set(packBitmap(bits.feedback, layout, 2), 0);
    out.set(packBitmap(bits.itemPresent ?? [], layout, 2), 2);
    return out;
  };
  const statusCommands: number[] = [CU_CMD.status, CU_CMD.unlock, CU_CMD.busStatus, CU_CMD.unlockAll];

  return {
    ...LIMITS_CU,
    baudRate: 19200,
    hasItemSensors: true,
    layout,
    supports: (kind) => kind !== 'doorStatus',

    encodeRequest(req: LockerRequest): Uint8Array {
      checkAddress(LIMITS_CU, req);
      switch (req.kind) {
        case 'boardStatus': // 02 B0 30 03 SUM, e.g. 02 00 30 03 35
          return encodeCuFrame(addr(req.board), CU_CMD.status);
        case 'unlock': // 02 BL 31 03 SUM, e.g. 02 1F 31 03 55 (board 1, door 16)
          return encodeCuFrame(addr(req.board, req.door), CU_CMD.unlock);
        case 'unlockAll':
          return encodeCuFrame(addr(req.board), CU_CMD.unlockAll);
        case 'busStatus': // 02 F0 32 03 27
          return encodeCuFrame(BUS, CU_CMD.busStatus);
        case 'doorStatus':
          throw new RangeError('the CU protocol reads a whole board (command 30), not one door');
      }
    },

    decodeReply(_req: LockerRequest, buf: Uint8Array): DecodeResult<LockerReply> {
      const r = decodeCuFrame(buf, (cmd) => (statusCommands.includes(cmd) ? STATUS_DATA_LENGTH : undefined));
      if (r.kind !== 'frame') return r;
      const { addr: a, cmd, data } = r.frame;
      const board = a >> 4;
      const bits = toBits(data);
      let frame: LockerReply;
      if (cmd === CU_CMD.unlock) {
        const door = (a & 0x0f) + 1;
        frame = { kind: 'unlockAck', board, door, feedback: bits.feedback[door - 1], bits };
      } else if (cmd === CU_CMD.unlockAll)
        frame = { kind: 'unlockAck', board, door: 'all', feedback: undefined, bits };
      else if (cmd === CU_CMD.busStatus) frame = { kind: 'busStatus', board, bits };
      else frame = { kind: 'boardStatus', board, bits };
      return { kind: 'frame', consumed: r.consumed, frame };
    },

    decodeRequest(buf: Uint8Array): DecodeResult<LockerRequest> {
      {
        const r = decodeCuFrame(buf, (cmd) => REQUEST_DATA_LENGTH[cmd]);
        if (r.kind !== 'frame') return r;
        const { addr: a, cmd } = r.frame;
        const board = a >> 4;
        const frame: LockerRequest | undefined =
          cmd === CU_CMD.status
            ? { kind: 'boardStatus', board }
            : cmd === CU_CMD.unlock
              ? { kind: 'unlock', board, door: (a & 0x0f) + 1 }
              : cmd === CU_CMD.unlockAll
                ? { kind: 'unlockAll', board }
                : cmd === CU_CMD.busStatus && a === BUS
                  ? { kind: 'busStatus' }
                  : undefined;
        if (frame) return { kind: 'frame', consumed: r.consumed, frame };
        return { kind: 'skip', consumed: r.consumed, reason: 'unsupported-command' };
      }
    },

    encodeReply(reply: LockerReply): Uint8Array {
      switch (reply.kind) {
        case 'boardStatus':
          return encodeCuFrame(addr(reply.board), CU_CMD.status, fromBits(reply.bits));
        case 'busStatus':
          return encodeCuFrame(addr(reply.board), CU_CMD.busStatus, fromBits(reply.bits));
        case 'unlockAck':
          return reply.door === 'all'
            ? encodeCuFrame(addr(reply.board), CU_CMD.unlockAll, fromBits(reply.bits))
            : encodeCuFrame(addr(reply.board, reply.door), CU_CMD.unlock, fromBits(reply.bits));
        case 'doorStatus':
          throw new RangeError('the CU protocol has no single-door status reply');
      }
    },
  };
}
