import { describe, expect, it } from 'vitest';
import { decodeGm65Command, decodeGm65Reply } from './gm65';

// Framing edge cases of the GM65 serial protocol, with bytes copied from protocols.md (§ scanner
// setup commands: "trigger one scan" 7E 00 08 01 00 02 01 02 DA / AB CD; success reply
// 02 00 00 01 00 33 31), not produced by the encoder.
const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));

describe('GM65 reply framing', () => {
  it('reads the success reply and nothing past it', () => {
    expect(decodeGm65Reply(hex('02 00 00 01 00 33 31 02'))).toEqual({
      kind: 'frame',
      consumed: 7,
      frame: { data: hex('00') },
    });
  });

  it('waits for a header and for the whole frame', () => {
    expect(decodeGm65Reply(hex(''))).toEqual({ kind: 'need-more' });
    expect(decodeGm65Reply(hex('02 00 00'))).toEqual({ kind: 'need-more' });
    expect(decodeGm65Reply(hex('02 00 00 01 00 33'))).toEqual({ kind: 'need-more' });
  });

  it('skips noise up to the next 02, all of it when there is none', () => {
    expect(decodeGm65Reply(hex('0d 0a 02 00'))).toEqual({ kind: 'skip', consumed: 2, reason: 'no-start' });
    expect(decodeGm65Reply(hex('0d 0a 41'))).toEqual({ kind: 'skip', consumed: 3, reason: 'no-start' });
  });

  it('drops one byte on a bad header (either byte) or a bad CRC (either byte)', () => {
    const skip = (reason: string) => ({ kind: 'skip', consumed: 1, reason });
    expect(decodeGm65Reply(hex('02 01 00 01 00 33 31'))).toEqual(skip('bad-header'));
    expect(decodeGm65Reply(hex('02 00 01 01 00 33 31'))).toEqual(skip('bad-header'));
    expect(decodeGm65Reply(hex('02 00 00 01 00 34 31'))).toEqual(skip('bad-checksum'));
    expect(decodeGm65Reply(hex('02 00 00 01 00 33 32'))).toEqual(skip('bad-checksum'));
  });
});

describe('GM65 command framing (simulator side)', () => {
  const trigger = { type: 'write', address: 0x0002, data: hex('01') };

  it('reads "trigger one scan" with its CRC and with the AB CD bypass', () => {
    expect(decodeGm65Command(hex('7e 00 08 01 00 02 01 02 da'))).toEqual({
      kind: 'frame',
      consumed: 9,
      frame: trigger,
    });
    expect(decodeGm65Command(hex('7e 00 08 01 00 02 01 ab cd 7e'))).toEqual({
      kind: 'frame',
      consumed: 9,
      frame: trigger,
    });
  });

  it('refuses a half bypass and a wrong CRC', () => {
    const bad = { kind: 'skip', consumed: 1, reason: 'bad-checksum' };
    expect(decodeGm65Command(hex('7e 00 08 01 00 02 01 ab da'))).toEqual(bad);
    expect(decodeGm65Command(hex('7e 00 08 01 00 02 01 02 cd'))).toEqual(bad);
    expect(decodeGm65Command(hex('7e 00 08 01 00 02 01 02 db'))).toEqual(bad);
  });

  it('waits for more, skips noise before 7E, and drops a bad header or an unknown type', () => {
    expect(decodeGm65Command(hex(''))).toEqual({ kind: 'need-more' });
    expect(decodeGm65Command(hex('7e 00 08'))).toEqual({ kind: 'need-more' });
    expect(decodeGm65Command(hex('7e 00 08 01 00 02 01 02'))).toEqual({ kind: 'need-more' });
    expect(decodeGm65Command(hex('00 00 7e'))).toEqual({ kind: 'skip', consumed: 2, reason: 'no-start' });
    expect(decodeGm65Command(hex('00 00'))).toEqual({ kind: 'skip', consumed: 2, reason: 'no-start' });
    expect(decodeGm65Command(hex('7e 01 08 01 00 02 01 ab cd'))).toEqual({
      kind: 'skip',
      consumed: 1,
      reason: 'bad-header',
    });
    expect(decodeGm65Command(hex('7e 00 0a 01 00 02 01 ab cd'))).toEqual({
      kind: 'skip',
      consumed: 1,
      reason: 'bad-header',
    });
  });
});

describe('GM65 framing: a bad header is known from the first four bytes', () => {
  const skip = { kind: 'skip', consumed: 1, reason: 'bad-header' };
  it('does not wait for the rest of a frame whose header is already wrong', () => {
    expect(decodeGm65Reply(hex('02 01 00 00'))).toEqual(skip);
    expect(decodeGm65Command(hex('7e 01 08 01'))).toEqual(skip);
  });
});
