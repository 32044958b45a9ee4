import { describe, expect, it } from 'vitest';
import { FrameAssembler } from '../../core';
import { bytesToHex, hexToBytes } from './apdu';
import { decodeVpcdMessage, encodeVpcdMessage, VPCD_CONTROL, type VpcdMessage } from './vpcd';

describe('vpcd framing, golden messages from protocols.md §3.4', () => {
  it('decodes SELECT PPSE as vpcd sends it: 2-byte big-endian length, then the C-APDU', () => {
    const wire = hexToBytes('0014 00A404000E325041592E5359532E444446303100');
    expect(decodeVpcdMessage(wire)).toEqual({
      kind: 'frame',
      consumed: 22,
      frame: { kind: 'apdu', apdu: hexToBytes('00A404000E325041592E5359532E444446303100') },
    });
  });

  it('encodes the "not found" answer as 00 02 6A 82', () => {
    expect(bytesToHex(encodeVpcdMessage(hexToBytes('6A82')))).toBe('00026A82');
  });

  it.each([
    ['000100', VPCD_CONTROL.powerOff],
    ['000101', VPCD_CONTROL.powerOn],
    ['000102', VPCD_CONTROL.reset],
    ['000104', VPCD_CONTROL.getAtr],
  ])('reads the 1-byte control message %s', (hex, code) => {
    expect(decodeVpcdMessage(hexToBytes(hex))).toEqual({
      kind: 'frame',
      consumed: 3,
      frame: { kind: 'control', code },
    });
  });

  it('answers GET ATR with length + ATR', () => {
    const atr = hexToBytes('3B8F8001804F0CA000000306030001000000006A');
    expect(bytesToHex(encodeVpcdMessage(atr))).toBe('0014' + bytesToHex(atr));
  });

  it('waits for the rest of a message split across TCP segments, and reads back-to-back messages', () => {
    const wire = hexToBytes('000104 0005 00B2012C12 000100');
    const frames = new FrameAssembler(decodeVpcdMessage);
    const out: VpcdMessage[] = [];
    for (let i = 0; i < wire.length; i += 2) out.push(...frames.push(wire.subarray(i, i + 2)));
    expect(out).toEqual([
      { kind: 'control', code: VPCD_CONTROL.getAtr },
      { kind: 'apdu', apdu: hexToBytes('00B2012C12') },
      { kind: 'control', code: VPCD_CONTROL.powerOff },
    ]);
    expect(decodeVpcdMessage(hexToBytes('0014 00A404'))).toEqual({ kind: 'need-more' });
  });
});
