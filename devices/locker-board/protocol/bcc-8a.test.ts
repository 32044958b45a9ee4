import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameAssembler } from '../../core';
import { create8aProtocol, xorBcc } from './bcc-8a';
import type { LockerReply, LockerRequest } from './types';

const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));
const p = create8aProtocol({ doorsPerBoard: 24, groupOrder: 'highFirst', bitOrder: 'lsbFirst' });

describe('8A/80 BCC codec, golden frames from protocols.md §4.1', () => {
  it.each<[LockerRequest, string]>([
    [{ kind: 'unlock', board: 1, door: 1 }, '8A 01 01 11 9B'],
    [{ kind: 'unlockAll', board: 1 }, '8A 01 00 11 9A'],
    [{ kind: 'doorStatus', board: 1, door: 1 }, '80 01 01 33 B3'],
    [{ kind: 'boardStatus', board: 1 }, '80 01 00 33 B2'],
  ])('encodes %o as %s and decodes it back', (req, frame) => {
    expect(p.encodeRequest(req)).toEqual(hex(frame));
    expect(p.decodeRequest(hex(frame))).toEqual({ kind: 'frame', consumed: 5, frame: req });
  });

  it('computes the BCC as the XOR of the first four bytes', () => {
    expect(xorBcc(hex('8A 01 01 11'))).toBe(0x9b);
    expect(xorBcc(hex('80 01 00 33'))).toBe(0xb2);
  });

  it.each<[LockerRequest, string, LockerReply]>([
    [
      { kind: 'unlock', board: 1, door: 1 },
      '8A 01 01 00 8A',
      { kind: 'unlockAck', board: 1, door: 1, feedback: false, bits: undefined },
    ],
    [
      { kind: 'unlock', board: 1, door: 1 },
      '8A 01 01 11 9B',
      { kind: 'unlockAck', board: 1, door: 1, feedback: true, bits: undefined },
    ],
    [
      { kind: 'doorStatus', board: 1, door: 1 },
      '80 01 01 11 91',
      { kind: 'doorStatus', board: 1, door: 1, feedback: true },
    ],
    [
      { kind: 'doorStatus', board: 1, door: 1 },
      '80 01 01 00 80',
      { kind: 'doorStatus', board: 1, door: 1, feedback: false },
    ],
  ])('decodes the reply to %o: %s', (req, frame, reply) => {
    expect(p.decodeReply(req, hex(frame))).toEqual({ kind: 'frame', consumed: 5, frame: reply });
    expect(p.encodeReply(reply)).toEqual(hex(frame));
  });

  it('decodes a query-all bitmap with the highest group first', () => {
    // doors 1, 9 and 24 active: bytes [17-24, 9-16, 1-8] = 80 01 01
    const body = hex('80 01 80 01 01 33');
    const frame = Uint8Array.of(...body, xorBcc(body));
    const r = p.decodeReply({ kind: 'boardStatus', board: 1 }, frame);
    expect(r.kind).toBe('frame');
    if (r.kind !== 'frame' || r.frame.kind !== 'boardStatus') throw new Error('not a status');
    const active = r.frame.bits.feedback.flatMap((on, i) => (on ? [i + 1] : []));
    expect(active).toEqual([1, 9, 24]);
    expect(p.encodeReply(r.frame)).toEqual(frame);
  });

  it('skips noise and corrupted frames and waits for a complete reply', () => {
    const req: LockerRequest = { kind: 'unlock', board: 1, door: 1 };
    expect(p.decodeReply(req, hex('FF 00'))).toMatchObject({ kind: 'skip', consumed: 2 });
    expect(p.decodeReply(req, hex('8A 01 01'))).toEqual({ kind: 'need-more' });
    expect(p.decodeReply(req, hex('8A 01 01 11 9C'))).toMatchObject({ kind: 'skip', reason: 'bad-checksum' });
  });

  it('round-trips any status bitmap through any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 1, max: 32 }),
        fc.integer({ min: 1, max: 4 }),
        (feedback, board, cut) => {
          const reply: LockerReply = {
            kind: 'boardStatus',
            board,
            bits: { feedback, itemPresent: undefined },
          };
          const bytes = Uint8Array.of(0x55, ...p.encodeReply(reply));
          const a = new FrameAssembler((b: Uint8Array) => p.decodeReply({ kind: 'boardStatus', board }, b));
          const out: LockerReply[] = [];
          for (let i = 0; i < bytes.length; i += cut) out.push(...a.push(bytes.subarray(i, i + cut)));
          expect(out).toEqual([reply]);
        },
      ),
    );
  });

  it('refuses board 0 (broadcast on some firmwares), boards above 32 and doors above 24', () => {
    expect(() => p.encodeRequest({ kind: 'unlock', board: 0, door: 1 })).toThrow(RangeError);
    expect(() => p.encodeRequest({ kind: 'boardStatus', board: 33 })).toThrow(RangeError);
    expect(() => p.encodeRequest({ kind: 'unlock', board: 1, door: 25 })).toThrow(RangeError);
    expect(p.encodeRequest({ kind: 'unlock', board: 32, door: 24 })).toEqual(hex('8A 20 18 11 A3'));
  });
});

// The edges the golden frames above do not reach (each found by a surviving mutant, issue #12).
describe('8A/80 BCC codec, edges', () => {
  it('unlocks a whole board and reads the echo back as an "all" acknowledgement without feedback', () => {
    expect(
      p.encodeReply({ kind: 'unlockAck', board: 1, door: 'all', feedback: undefined, bits: undefined }),
    ).toEqual(hex('8A 01 00 11 9A'));
    expect(p.decodeReply({ kind: 'unlockAll', board: 1 }, hex('8A 01 00 11 9A'))).toEqual({
      kind: 'frame',
      consumed: 5,
      frame: { kind: 'unlockAck', board: 1, door: 'all', feedback: undefined, bits: undefined },
    });
  });
  it('waits on an empty buffer and names noise as such', () => {
    const req: LockerRequest = { kind: 'unlock', board: 1, door: 1 };
    expect(p.decodeReply(req, new Uint8Array(0))).toEqual({ kind: 'need-more' });
    expect(p.decodeReply(req, hex('00 8A'))).toEqual({ kind: 'skip', consumed: 1, reason: 'no-start' });
  });
  it('skips a query-all reply whose function byte is not 33', () => {
    // 80 01 <00 00 00> 34 BCC, BCC = 80^01^34 = B5
    expect(p.decodeReply({ kind: 'boardStatus', board: 1 }, hex('80 01 00 00 00 34 B5'))).toEqual({
      kind: 'skip',
      consumed: 1,
      reason: 'bad-function',
    });
  });
  it('decodes requests on the simulator side: waits, skips noise and bad sums', () => {
    expect(p.decodeRequest(new Uint8Array(0))).toEqual({ kind: 'need-more' });
    expect(p.decodeRequest(hex('FF 8A'))).toEqual({ kind: 'skip', consumed: 1, reason: 'no-start' });
    expect(p.decodeRequest(hex('8A 01 01 11'))).toEqual({ kind: 'need-more' });
    expect(p.decodeRequest(hex('8A 01 01 11 9C'))).toEqual({
      kind: 'skip',
      consumed: 1,
      reason: 'bad-checksum',
    });
  });
  it('has no bus-wide query and no item sensors', () => {
    expect(p.supports('busStatus')).toBe(false);
    for (const k of ['unlock', 'unlockAll', 'boardStatus', 'doorStatus'] as const)
      expect(p.supports(k)).toBe(true);
    expect(p.hasItemSensors).toBe(false);
    expect(() => p.encodeRequest({ kind: 'busStatus' })).toThrow(/no bus-wide status query/);
    const bits = { feedback: [], itemPresent: undefined };
    expect(() => p.encodeReply({ kind: 'busStatus', board: 1, bits })).toThrow(/no bus-wide status reply/);
  });
});
