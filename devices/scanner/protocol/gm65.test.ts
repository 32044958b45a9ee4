import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Xmodem } from './crc16';
import {
  decodeGm65Command,
  decodeGm65Reply,
  encodeGm65Reply,
  GM65_OK,
  readZones,
  saveZones,
  writeZones,
} from './gm65';
import {
  DEFAULT_ENCODING_VALUES,
  ENCODING_FIELD,
  MODE_FIELD,
  readField,
  TERMINATOR_BYTES,
  TERMINATOR_FIELD,
  writeField,
} from './zones';

const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));

describe('GM65 command protocol, golden frames from protocols.md §5.2', () => {
  it('computes CRC16-XMODEM (poly 1021, init 0)', () => {
    expect(crc16Xmodem(hex('08 01 00 02 01'))).toBe(0x02da);
    expect(crc16Xmodem(hex('00 01 00'))).toBe(0x3331);
    expect(crc16Xmodem(hex('09 01 00 00 00'))).toBe(0xdec8);
    // the standard XMODEM check value
    expect(crc16Xmodem(new TextEncoder().encode('123456789'))).toBe(0x31c3);
  });

  it('encodes the trigger, save and success frames', () => {
    expect(writeZones(0x0002, [0x01])).toEqual(hex('7E 00 08 01 00 02 01 02 DA'));
    expect(saveZones()).toEqual(hex('7E 00 09 01 00 00 00 DE C8'));
    expect(GM65_OK).toEqual(hex('02 00 00 01 00 33 31'));
  });

  it('decodes commands, accepting AB CD in place of the CRC and rejecting a wrong CRC', () => {
    expect(decodeGm65Command(hex('7E 00 08 01 00 02 01 02 DA'))).toEqual({
      kind: 'frame',
      consumed: 9,
      frame: { type: 'write', address: 2, data: hex('01') },
    });
    expect(decodeGm65Command(hex('7E 00 08 01 00 02 01 AB CD'))).toMatchObject({ kind: 'frame' });
    expect(decodeGm65Command(hex('7E 00 08 01 00 02 01 02 DB'))).toMatchObject({ reason: 'bad-checksum' });
    expect(decodeGm65Command(readZones(0x60))).toMatchObject({
      frame: { type: 'read', address: 0x60, data: hex('01') },
    });
  });

  it('decodes replies and waits for their end', () => {
    expect(decodeGm65Reply(hex('02 00 00 01 00 33 31'))).toEqual({
      kind: 'frame',
      consumed: 7,
      frame: { data: hex('00') },
    });
    expect(decodeGm65Reply(hex('02 00 00 01 00 33'))).toEqual({ kind: 'need-more' });
    expect(decodeGm65Reply(hex('02 00 00 01 00 33 32'))).toMatchObject({
      kind: 'skip',
      reason: 'bad-checksum',
    });
    expect(decodeGm65Reply(hex('31 32 02'))).toEqual({ kind: 'skip', consumed: 2, reason: 'no-start' });
  });

  it('round-trips any zone reply', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), (data) => {
        const r = decodeGm65Reply(encodeGm65Reply(data));
        expect(r).toEqual({ kind: 'frame', consumed: data.length + 6, frame: { data } });
      }),
    );
  });

  it('changes only the bits of a zone field', () => {
    expect(writeField(0b1010_0100, MODE_FIELD, 0b11)).toBe(0b1010_0111);
    expect(readField(writeField(0xff, TERMINATOR_FIELD, 0b01), TERMINATOR_FIELD)).toBe(0b01);
    expect(writeField(0xff, TERMINATOR_FIELD, 0b01)).toBe(0b1011_1111);
    expect(writeField(0x00, ENCODING_FIELD, 0b01)).toBe(0b0000_0100);
  });
});

describe('GM65 settings vocabulary (§5.2)', () => {
  it('sends the terminator bytes of each setting', () => {
    expect(TERMINATOR_BYTES).toEqual({
      cr: Uint8Array.of(0x0d),
      crlf: Uint8Array.of(0x0d, 0x0a),
      tab: Uint8Array.of(0x09),
      none: new Uint8Array(0),
    });
  });
  it('has two distinct two-bit encoding values', () => {
    const { gbk, utf8 } = DEFAULT_ENCODING_VALUES;
    expect(gbk).not.toBe(utf8);
    for (const v of [gbk, utf8]) expect(readField(writeField(0, ENCODING_FIELD, v), ENCODING_FIELD)).toBe(v);
  });
});
