import { describe, expect, it } from 'vitest';
import { createLockerProtocol, LOCKER_PROTOCOLS } from '.';

// The configuration names a board family; the factory must build exactly that one (never a fallback).
describe('createLockerProtocol', () => {
  it('knows the 8A/80 and CU families', () => {
    expect(LOCKER_PROTOCOLS).toEqual(['8a', 'cu']);
    expect(createLockerProtocol('8a').baudRate).toBe(9600);
    expect(createLockerProtocol('cu').baudRate).toBe(19200);
  });
  it('starts from the family default layout and applies the calibration over it', () => {
    expect(createLockerProtocol('cu').layout).toEqual({
      doorsPerBoard: 16,
      groupOrder: 'lowFirst',
      bitOrder: 'lsbFirst',
    });
    expect(createLockerProtocol('8a').layout).toEqual({
      doorsPerBoard: 16,
      groupOrder: 'highFirst',
      bitOrder: 'lsbFirst',
    });
    const cu12 = createLockerProtocol('cu', { doorsPerBoard: 12 });
    expect(cu12.layout).toEqual({ doorsPerBoard: 12, groupOrder: 'lowFirst', bitOrder: 'lsbFirst' });
    // 02 00 30 | hook 01 00 | IR 00 08 | 03 | 02+30+01+08+03 = 3E: door 1 latched, item behind door 12
    const r = cu12.decodeReply(
      { kind: 'boardStatus', board: 0 },
      Uint8Array.of(2, 0, 0x30, 1, 0, 0, 8, 3, 0x3e),
    );
    expect(r).toMatchObject({
      kind: 'frame',
      frame: { bits: { feedback: [true, ...Array<boolean>(11).fill(false)] } },
    });
    if (r.kind === 'frame' && r.frame.kind === 'boardStatus')
      expect(r.frame.bits.itemPresent?.[11]).toBe(true);
    else throw new Error('not a status');
  });
  it('refuses an unknown family by name', () => {
    expect(() => createLockerProtocol('wkly' as never)).toThrow(
      'unknown locker protocol "wkly" (expected 8a or cu)',
    );
  });
});
