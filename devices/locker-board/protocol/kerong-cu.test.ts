import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameAssembler } from '../../core';
import { createCuProtocol, encodeCuFrame, sumChecksum } from './kerong-cu';
import type { LockerReply, LockerRequest } from './types';

const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));
const p = createCuProtocol();

describe('Kerong CU codec, golden frames from protocols.md §4.2', () => {
  it.each<[LockerRequest, string]>([
    [{ kind: 'boardStatus', board: 0 }, '02 00 30 03 35'],
    [{ kind: 'unlock', board: 0, door: 1 }, '02 00 31 03 36'],
    [{ kind: 'unlock', board: 1, door: 16 }, '02 1F 31 03 55'],
    [{ kind: 'busStatus' }, '02 F0 32 03 27'],
  ])('encodes %o as %s and decodes it back', (req, frame) => {
    expect(p.encodeRequest(req)).toEqual(hex(frame));
    expect(p.decodeRequest(hex(frame))).toEqual({ kind: 'frame', consumed: 5, frame: req });
  });

  it('sums every preceding byte, 02 included, keeping the low byte', () => {
    expect(sumChecksum(hex('02 F0 32 03'))).toBe(0x27);
    expect(encodeCuFrame(0x10, 0x37, [0x00, 0x32])).toEqual(hex('02 10 37 00 32 03 7E'));
  });

  it('decodes a status reply: hook1-8 hook9-16 IR1-8 IR9-16', () => {
    // board 2: hooks on doors 1 and 10, IR on door 16
    const frame = encodeCuFrame(0x20, 0x30, [0x01, 0x02, 0x00, 0x80]);
    expect(frame).toEqual(hex('02 20 30 01 02 00 80 03 D8'));
    const r = p.decodeReply({ kind: 'boardStatus', board: 2 }, frame);
    if (r.kind !== 'frame' || r.frame.kind !== 'boardStatus')
      throw new Error(`not a status: ${JSON.stringify(r)}`);
    const on = (bits: boolean[] | undefined) => (bits ?? []).flatMap((b, i) => (b ? [i + 1] : []));
    expect(on(r.frame.bits.feedback)).toEqual([1, 10]);
    expect(on(r.frame.bits.itemPresent)).toEqual([16]);
    expect(p.encodeReply(r.frame)).toEqual(frame);
  });

  it('reads the target door feedback out of the unlock reply', () => {
    const frame = encodeCuFrame(0x1f, 0x31, [0x00, 0x80, 0x00, 0x00]);
    const r = p.decodeReply({ kind: 'unlock', board: 1, door: 16 }, frame);
    expect(r).toMatchObject({
      kind: 'frame',
      frame: { kind: 'unlockAck', board: 1, door: 16, feedback: true },
    });
  });

  it('rejects a bad sum and a missing ETX, and skips noise before STX', () => {
    const req: LockerRequest = { kind: 'boardStatus', board: 0 };
    expect(p.decodeReply(req, hex('02 00 30 00 00 00 00 03 36'))).toMatchObject({
      kind: 'skip',
      reason: 'bad-checksum',
    });
    expect(p.decodeReply(req, hex('02 00 30 00 00 00 00 04 35'))).toMatchObject({
      kind: 'skip',
      reason: 'bad-end',
    });
    expect(p.decodeReply(req, hex('AA BB 02'))).toEqual({ kind: 'skip', consumed: 2, reason: 'no-start' });
    expect(p.decodeReply(req, hex('02 00 30 00'))).toEqual({ kind: 'need-more' });
  });

  it('round-trips any board state through any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 1, max: 5 }),
        (feedback, itemPresent, board, cut) => {
          const reply: LockerReply = { kind: 'boardStatus', board, bits: { feedback, itemPresent } };
          const bytes = Uint8Array.of(0x03, 0x99, ...p.encodeReply(reply));
          const a = new FrameAssembler((b: Uint8Array) => p.decodeReply({ kind: 'boardStatus', board }, b));
          const out: LockerReply[] = [];
          for (let i = 0; i < bytes.length; i += cut) out.push(...a.push(bytes.subarray(i, i + cut)));
          expect(out).toEqual([reply]);
        },
      ),
    );
  });

  it('refuses addresses the address byte cannot carry instead of aliasing them onto another board', () => {
    expect(() => p.encodeRequest({ kind: 'unlock', board: 16, door: 1 })).toThrow(RangeError);
    expect(() => p.encodeRequest({ kind: 'unlock', board: 0, door: 17 })).toThrow(RangeError);
    expect(() => p.encodeRequest({ kind: 'unlock', board: 0, door: 0 })).toThrow(RangeError);
    expect(() => p.encodeRequest({ kind: 'boardStatus', board: -1 })).toThrow(RangeError);
    expect(p.encodeRequest({ kind: 'unlock', board: 15, door: 16 })).toEqual(hex('02 FF 31 03 35'));
  });
});

// The edges the golden frames above do not reach (each found by a surviving mutant, issue #12).
// Sums computed by hand: 02 + ADDR + CMD + data + 03, low byte.
describe('Kerong CU codec, edges', () => {
  const none = Array<boolean>(16).fill(false);
  it('unlocks a whole board: 02 10 33 03 48, and reads its reply as an "all" acknowledgement', () => {
    expect(p.encodeRequest({ kind: 'unlockAll', board: 1 })).toEqual(hex('02 10 33 03 48'));
    expect(p.decodeRequest(hex('02 10 33 03 48'))).toEqual({
      kind: 'frame',
      consumed: 5,
      frame: { kind: 'unlockAll', board: 1 },
    });
    const reply = hex('02 10 33 00 00 00 00 03 48');
    expect(p.decodeReply({ kind: 'unlockAll', board: 1 }, reply)).toEqual({
      kind: 'frame',
      consumed: 9,
      frame: {
        kind: 'unlockAck',
        board: 1,
        door: 'all',
        feedback: undefined,
        bits: { feedback: none, itemPresent: none },
      },
    });
    const ack = { kind: 'unlockAck', board: 1, door: 'all', feedback: undefined, bits: undefined } as const;
    expect(p.encodeReply(ack)).toEqual(reply);
  });
  it('reads one board answer to a bus query (32) with the board from the address nibble', () => {
    // board 3, hook 1 set: 02 + 30 + 32 + 01 + 03 = 68
    const bits = { feedback: [true], itemPresent: undefined };
    expect(p.encodeReply({ kind: 'busStatus', board: 3, bits })).toEqual(hex('02 30 32 01 00 00 00 03 68'));
    const r = p.decodeReply({ kind: 'busStatus' }, hex('02 30 32 01 00 00 00 03 68'));
    expect(r).toEqual({
      kind: 'frame',
      consumed: 9,
      frame: { kind: 'busStatus', board: 3, bits: { feedback: [true, ...none.slice(1)], itemPresent: none } },
    });
  });
  it('encodes replies without bits as all-clear data bytes', () => {
    const ack = { kind: 'unlockAck', board: 1, door: 16, feedback: true, bits: undefined } as const;
    expect(p.encodeReply(ack)).toEqual(hex('02 1F 31 00 00 00 00 03 55'));
    const status: LockerReply = {
      kind: 'boardStatus',
      board: 0,
      bits: { feedback: [true], itemPresent: undefined },
    };
    expect(p.encodeReply(status)).toEqual(hex('02 00 30 01 00 00 00 03 36'));
  });
  it('waits on short buffers and skips unknown commands and noise', () => {
    const req: LockerRequest = { kind: 'boardStatus', board: 0 };
    expect(p.decodeReply(req, new Uint8Array(0))).toEqual({ kind: 'need-more' });
    expect(p.decodeReply(req, hex('AA BB'))).toEqual({ kind: 'skip', consumed: 2, reason: 'no-start' });
    expect(p.decodeReply(req, hex('02 00'))).toEqual({ kind: 'need-more' });
    // 35 (auto-report on) is a request, never a status reply
    expect(p.decodeReply(req, hex('02 00 35'))).toEqual({
      kind: 'skip',
      consumed: 1,
      reason: 'unknown-command',
    });
    expect(p.decodeRequest(hex('02 00 99'))).toEqual({
      kind: 'skip',
      consumed: 1,
      reason: 'unknown-command',
    });
    expect(p.decodeRequest(hex('AA'))).toEqual({ kind: 'skip', consumed: 1, reason: 'no-start' });
  });
  it('consumes but does not act on requests it knows only the length of', () => {
    const unsupported = (consumed: number) => ({ kind: 'skip', consumed, reason: 'unsupported-command' });
    // a bus query sent to one board's address, and auto-report-on (35) sent to the bus address
    expect(p.decodeRequest(hex('02 00 32 03 37'))).toEqual(unsupported(5));
    expect(p.decodeRequest(hex('02 F0 35 03 2A'))).toEqual(unsupported(5));
    // 37: pulse time, two data bytes
    expect(p.decodeRequest(hex('02 10 37 00 32 03 7E'))).toEqual(unsupported(7));
  });
  it('reads whole boards only and has item sensors', () => {
    expect(p.supports('doorStatus')).toBe(false);
    for (const k of ['unlock', 'unlockAll', 'boardStatus', 'busStatus'] as const)
      expect(p.supports(k)).toBe(true);
    expect(p.hasItemSensors).toBe(true);
    expect(() => p.encodeRequest({ kind: 'doorStatus', board: 0, door: 1 })).toThrow(/reads a whole board/);
    const reply = { kind: 'doorStatus', board: 0, door: 1, feedback: true } as const;
    expect(() => p.encodeReply(reply)).toThrow(/no single-door status reply/);
  });
});
