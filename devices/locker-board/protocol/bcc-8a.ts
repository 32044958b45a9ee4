// The "8A / 80 BCC" family (protocols.md §4.1): 9600 8N1, fixed 5-byte frames
//   CMD BOARD LOCK FUNC BCC        BCC = XOR of the first four bytes
// except the "query all" reply, whose length follows from the board's door count:
//   80 BOARD <bitmap, ceil(doors/8) bytes> 33 BCC
import type { DecodeResult } from '../../core';
import { bitmapBytes, packBitmap, unpackBitmap } from './bitmap';
import {
  checkAddress,
  type BitmapLayout,
  type LockerProtocol,
  type LockerReply,
  type LockerRequest,
} from './types';

const CMD_UNLOCK = 0x8a;
const CMD_QUERY = 0x80;
const FUNC_UNLOCK = 0x11;
const FUNC_QUERY = 0x33;
/** Status byte in replies: 11 = switch active, 00 = not. What "active" means is the cabinet's polarity [L]. */
const STATUS_ACTIVE = 0x11;
const STATUS_IDLE = 0x00;

export const xorBcc = (bytes: ArrayLike<number>, end = bytes.length): number => {
  let acc = 0;
  for (let i = 0; i < end; i++) acc ^= bytes[i]!;
  return acc;
};

const frame5 = (cmd: number, board: number, lock: number, func: number): Uint8Array => {
  const f = Uint8Array.of(cmd, board, lock, func, 0);
  f[4] = xorBcc(f, 4);
  return f;
};

/** Board address 1–32 by DIP switch (0 is broadcast on some firmwares: never sent), up to 24 locks. */
const LIMITS_8A = { name: '8a', boardRange: { min: 1, max: 32 }, maxDoorsPerBoard: 24 } as const;

export const DEFAULT_8A_LAYOUT: BitmapLayout = {
  doorsPerBoard: 16,
  groupOrder: 'highFirst',
  bitOrder: 'lsbFirst',
};

export function create8aProtocol(layout: BitmapLayout = DEFAULT_8A_LAYOUT): LockerProtocol {
  const mapBytes = bitmapBytes(layout.doorsPerBoard);

  /** Finds the first byte equal to `start`; everything before it is noise. */
  const seek = (buf: Uint8Array, starts: number[]): DecodeResult<never> | undefined => {
    if (buf.length === 0) return { kind: 'need-more' };
    if (starts.includes(buf[0]!)) return undefined;
    const i = buf.findIndex((b) => starts.includes(b));
    return { kind: 'skip', consumed: i < 0 ? buf.length : i, reason: 'no-start' };
  };

  return {
    ...LIMITS_8A,
    baudRate: 9600,
    hasItemSensors: false,
    layout,
    supports: (kind) => kind !== 'busStatus',

    encodeRequest(req: LockerRequest): Uint8Array {
      checkAddress(LIMITS_8A, req);
      switch (req.kind) {
        case 'unlock': // 8A BOARD LOCK 11 BCC, e.g. 8A 01 01 11 9B
          return frame5(CMD_UNLOCK, req.board, req.door, FUNC_UNLOCK);
        case 'unlockAll': // 8A BOARD 00 11 BCC (the board staggers the coils itself)
          return frame5(CMD_UNLOCK, req.board, 0, FUNC_UNLOCK);
        case 'doorStatus': // 80 BOARD LOCK 33 BCC
          return frame5(CMD_QUERY, req.board, req.door, FUNC_QUERY);
        case 'boardStatus': // 80 BOARD 00 33 BCC, e.g. 80 01 00 33 B2
          return frame5(CMD_QUERY, req.board, 0, FUNC_QUERY);
        case 'busStatus':
          throw new RangeError('the 8A/80 protocol has no bus-wide status query');
      }
    },

    decodeReply(req: LockerRequest, buf: Uint8Array): DecodeResult<LockerReply> {
      const cmd = req.kind === 'unlock' || req.kind === 'unlockAll' ? CMD_UNLOCK : CMD_QUERY;
      const sought = seek(buf, [cmd]);
      if (sought) return sought;
      const isBitmap = req.kind === 'boardStatus';
      const total = isBitmap ? 4 + mapBytes : 5;
      if (buf.length < total) return { kind: 'need-more' };
      if (xorBcc(buf, total - 1) !== buf[total - 1])
        return { kind: 'skip', consumed: 1, reason: 'bad-checksum' };
      const board = buf[1]!;
      if (isBitmap) {
        // 80 BOARD <bitmap> 33 BCC
        if (buf[total - 2] !== FUNC_QUERY) return { kind: 'skip', consumed: 1, reason: 'bad-function' };
        const feedback = unpackBitmap(buf.subarray(2, 2 + mapBytes), layout);
        return {
          kind: 'frame',
          consumed: total,
          frame: { kind: 'boardStatus', board, bits: { feedback, itemPresent: undefined } },
        };
      }
      // CMD BOARD LOCK STATUS BCC, e.g. 8A 01 01 11 9B / 80 01 01 00 80
      const lock = buf[2]!;
      const feedback = buf[3] === STATUS_ACTIVE;
      const frame: LockerReply =
        cmd === CMD_UNLOCK
          ? {
              kind: 'unlockAck',
              board,
              door: lock === 0 ? 'all' : lock,
              feedback: lock === 0 ? undefined : feedback,
              bits: undefined,
            }
          : { kind: 'doorStatus', board, door: lock, feedback };
      return { kind: 'frame', consumed: 5, frame };
    },

    decodeRequest(buf: Uint8Array): DecodeResult<LockerRequest> {
      const sought = seek(buf, [CMD_UNLOCK, CMD_QUERY]);
      if (sought) return sought;
      if (buf.length < 5) return { kind: 'need-more' };
      if (xorBcc(buf, 4) !== buf[4]) return { kind: 'skip', consumed: 1, reason: 'bad-checksum' };
      const [cmd, board, lock] = [buf[0]!, buf[1]!, buf[2]!];
      const frame: LockerRequest =
        cmd === CMD_UNLOCK
          ? lock === 0
            ? { kind: 'unlockAll', board }
            : { kind: 'unlock', board, door: lock }
          : lock === 0
            ? { kind: 'boardStatus', board }
            : { kind: 'doorStatus', board, door: lock };
      return { kind: 'frame', consumed: 5, frame };
    },

    encodeReply(reply: LockerReply): Uint8Array {
      const status = (on: boolean | undefined) => (on === false ? STATUS_IDLE : STATUS_ACTIVE);
      switch (reply.kind) {
        case 'unlockAck':
          return frame5(
            CMD_UNLOCK,
            reply.board,
            reply.door === 'all' ? 0 : reply.door,
            status(reply.feedback),
          );
        case 'doorStatus':
          return frame5(CMD_QUERY, reply.board, reply.door, status(reply.feedback));
        case 'boardStatus': {
          const f = new Uint8Array(4 + mapBytes);
          f[0] = CMD_QUERY;
          f[1] = reply.board;
          f.set(packBitmap(reply.bits.feedback, layout, mapBytes), 2);
          f[2 + mapBytes] = FUNC_QUERY;
          f[3 + mapBytes] = xorBcc(f, 3 + mapBytes);
          return f;
        }
        case 'busStatus':
          throw new RangeError('the 8A/80 protocol has no bus-wide status reply');
      }
    },
  };
}
