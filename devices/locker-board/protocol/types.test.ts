import { describe, expect, it } from 'vitest';
import { checkAddress, replyMatches, type LockerReply, type LockerRequest } from './types';

// The request/reply pairing and the address limits every locker codec shares (RS-485 carries no
// request id: a late answer to an earlier request must not be taken for the current one).
const bits = { feedback: [false], itemPresent: undefined };

describe('replyMatches', () => {
  const cases: [LockerRequest, LockerReply, boolean][] = [
    [
      { kind: 'unlock', board: 1, door: 3 },
      { kind: 'unlockAck', board: 1, door: 3, feedback: undefined, bits: undefined },
      true,
    ],
    [
      { kind: 'unlock', board: 1, door: 3 },
      { kind: 'unlockAck', board: 2, door: 3, feedback: undefined, bits: undefined },
      false,
    ],
    [
      { kind: 'unlock', board: 1, door: 3 },
      { kind: 'unlockAck', board: 1, door: 4, feedback: undefined, bits: undefined },
      false,
    ],
    [{ kind: 'unlock', board: 1, door: 3 }, { kind: 'doorStatus', board: 1, door: 3, feedback: true }, false],
    [
      { kind: 'unlockAll', board: 2 },
      { kind: 'unlockAck', board: 2, door: 'all', feedback: undefined, bits: undefined },
      true,
    ],
    [
      { kind: 'unlockAll', board: 2 },
      { kind: 'unlockAck', board: 2, door: 1, feedback: undefined, bits: undefined },
      false,
    ],
    [
      { kind: 'unlockAll', board: 2 },
      { kind: 'unlockAck', board: 1, door: 'all', feedback: undefined, bits: undefined },
      false,
    ],
    [{ kind: 'unlockAll', board: 2 }, { kind: 'boardStatus', board: 2, bits }, false],
    [{ kind: 'boardStatus', board: 1 }, { kind: 'boardStatus', board: 1, bits }, true],
    [{ kind: 'boardStatus', board: 1 }, { kind: 'boardStatus', board: 2, bits }, false],
    [{ kind: 'boardStatus', board: 1 }, { kind: 'busStatus', board: 1, bits }, false],
    [
      { kind: 'doorStatus', board: 1, door: 2 },
      { kind: 'doorStatus', board: 1, door: 2, feedback: false },
      true,
    ],
    [
      { kind: 'doorStatus', board: 1, door: 2 },
      { kind: 'doorStatus', board: 3, door: 2, feedback: false },
      false,
    ],
    [
      { kind: 'doorStatus', board: 1, door: 2 },
      { kind: 'doorStatus', board: 1, door: 5, feedback: false },
      false,
    ],
    [{ kind: 'doorStatus', board: 1, door: 2 }, { kind: 'boardStatus', board: 1, bits }, false],
    [
      { kind: 'doorStatus', board: 1, door: 2 },
      { kind: 'unlockAck', board: 1, door: 2, feedback: false, bits: undefined },
      false,
    ],
    [{ kind: 'busStatus' }, { kind: 'busStatus', board: 7, bits }, true],
    [{ kind: 'busStatus' }, { kind: 'boardStatus', board: 7, bits }, false],
  ];
  it.each(cases)('%o answered by %o → %s', (req, reply, expected) => {
    expect(replyMatches(req, reply)).toBe(expected);
  });
});

describe('checkAddress', () => {
  const p = { name: 'cu' as const, boardRange: { min: 0, max: 15 }, maxDoorsPerBoard: 24 };
  it('accepts the edges of the ranges and any bus-wide query', () => {
    expect(() => checkAddress(p, { kind: 'unlock', board: 0, door: 1 })).not.toThrow();
    expect(() => checkAddress(p, { kind: 'unlock', board: 15, door: 24 })).not.toThrow();
    expect(() => checkAddress(p, { kind: 'boardStatus', board: 15 })).not.toThrow();
    expect(() => checkAddress(p, { kind: 'busStatus' })).not.toThrow();
  });
  it('refuses a board or door the wire cannot carry, naming the codec and the range', () => {
    expect(() => checkAddress(p, { kind: 'unlock', board: 16, door: 1 })).toThrow(
      'cu: board address must be 0–15, got 16',
    );
    expect(() => checkAddress(p, { kind: 'unlock', board: -1, door: 1 })).toThrow(RangeError);
    expect(() => checkAddress(p, { kind: 'boardStatus', board: 1.5 })).toThrow(RangeError);
    expect(() => checkAddress(p, { kind: 'unlock', board: 1, door: 0 })).toThrow(
      'cu: door must be 1–24, got 0',
    );
    expect(() => checkAddress(p, { kind: 'doorStatus', board: 1, door: 25 })).toThrow(RangeError);
    expect(() => checkAddress(p, { kind: 'doorStatus', board: 1, door: 2.5 })).toThrow(RangeError);
  });
});
