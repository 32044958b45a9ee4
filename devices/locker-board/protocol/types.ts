import type { DecodeResult } from '../../core';

/** Doors are numbered from 1 in every API; each codec maps them to its own wire numbering. */
export type LockerRequest =
  | { kind: 'unlock'; board: number; door: number }
  | { kind: 'unlockAll'; board: number }
  | { kind: 'boardStatus'; board: number }
  | { kind: 'doorStatus'; board: number; door: number }
  | { kind: 'busStatus' };

/**
 * Raw sensor bits of one board, index 0 = door 1. `feedback` is the lock's hook/latch switch exactly
 * as the board reports it (bit set or not); what "set" means is the cabinet's polarity setting [L].
 * `itemPresent` exists only on boards with IR item sensors (CU).
 */
export interface BoardBits {
  feedback: boolean[];
  itemPresent: boolean[] | undefined;
}

export type LockerReply =
  /** The board fired the coil. `feedback` is the target door's switch right after the pulse, when reported. */
  | {
      kind: 'unlockAck';
      board: number;
      door: number | 'all';
      feedback: boolean | undefined;
      bits: BoardBits | undefined;
    }
  | { kind: 'boardStatus'; board: number; bits: BoardBits }
  | { kind: 'doorStatus'; board: number; door: number; feedback: boolean }
  /** One board's answer to a bus-wide query (CU 32): every board on the bus answers in turn. */
  | { kind: 'busStatus'; board: number; bits: BoardBits };

/** How the bitmap bytes of a status reply map to doors. Both vary by firmware: calibrate at install [L]. */
export interface BitmapLayout {
  /** Number of doors on the board; sets how many bitmap bytes a status reply carries. */
  doorsPerBoard: number;
  /** `highFirst`: the byte for the highest-numbered group of eight doors comes first (8A manuals). */
  groupOrder: 'highFirst' | 'lowFirst';
  /** `lsbFirst`: bit 0 of a byte is the lowest-numbered door of its group. */
  bitOrder: 'lsbFirst' | 'msbFirst';
}

export type LockerProtocolName = '8a' | 'cu';

/**
 * One wire protocol of a locker board family. Pure: bytes in, values out. A driver feeds it the bytes
 * that arrive after a request; a simulator feeds it the bytes that arrive from the host.
 */
export interface LockerProtocol {
  readonly name: LockerProtocolName;
  /** Factory line settings (8N1 for both families). */
  readonly baudRate: number;
  /** Valid board addresses on the bus. */
  readonly boardRange: { min: number; max: number };
  readonly maxDoorsPerBoard: number;
  /** Whether status replies carry item-present (IR) bits. */
  readonly hasItemSensors: boolean;
  readonly layout: BitmapLayout;
  supports(kind: LockerRequest['kind']): boolean;
  encodeRequest(req: LockerRequest): Uint8Array;
  /** Decodes the reply to `req` at the head of `buf`; the reply length is known from the request. */
  decodeReply(req: LockerRequest, buf: Uint8Array): DecodeResult<LockerReply>;
  /** Simulator side: decodes a request sent by the host. */
  decodeRequest(buf: Uint8Array): DecodeResult<LockerRequest>;
  /** Simulator side: encodes a reply. */
  encodeReply(reply: LockerReply): Uint8Array;
}

/** Whether a reply answers a request (same board and door; RS-485 has no other correlation). */
export function replyMatches(req: LockerRequest, reply: LockerReply): boolean {
  switch (req.kind) {
    case 'unlock':
      return reply.kind === 'unlockAck' && reply.board === req.board && reply.door === req.door;
    case 'unlockAll':
      return reply.kind === 'unlockAck' && reply.board === req.board && reply.door === 'all';
    case 'boardStatus':
      return reply.kind === 'boardStatus' && reply.board === req.board;
    case 'doorStatus':
      return reply.kind === 'doorStatus' && reply.board === req.board && reply.door === req.door;
    case 'busStatus':
      return reply.kind === 'busStatus';
  }
}

/**
 * Refuses an address the wire cannot carry. Without it a CU board 16 would be masked to board 0 (the
 * address nibble) and open another cabinet's door.
 */
export function checkAddress(
  p: Pick<LockerProtocol, 'name' | 'boardRange' | 'maxDoorsPerBoard'>,
  req: LockerRequest,
): void {
  if (req.kind === 'busStatus') return;
  const { min, max } = p.boardRange;
  if (!Number.isInteger(req.board) || req.board < min || req.board > max)
    throw new RangeError(`${p.name}: board address must be ${min}–${max}, got ${req.board}`);
  if ('door' in req && (!Number.isInteger(req.door) || req.door < 1 || req.door > p.maxDoorsPerBoard))
    throw new RangeError(`${p.name}: door must be 1–${p.maxDoorsPerBoard}, got ${req.door}`);
}
