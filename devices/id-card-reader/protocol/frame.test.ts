import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameAssembler } from '../../core';
import {
  buildFindCardCommand,
  buildReadBaseCommand,
  buildReadBaseWithFingerprintCommand,
  buildReadExtraAddressCommand,
  buildReadSamIdCommand,
  buildResetSamCommand,
  buildSamStatusCommand,
  buildSelectCardCommand,
  parseCommand,
} from './commands';
import { decodeFrame, encodeFrame, type SamFrame } from './frame';
import {
  buildCardBlocksResponse,
  buildExtraAddressResponse,
  buildFindOkResponse,
  buildResponse,
  buildSamIdResponse,
  buildSelectOkResponse,
  formatSamId,
  isPlausibleReply,
  parseCardBlocks,
  parseResponse,
} from './replies';
import { describeStatus, FAILURE_SW3, SW3 } from './status';

const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));
const toHex = (b: Uint8Array) =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

describe('command frames (protocols.md §1.3 golden vectors)', () => {
  it.each([
    [buildResetSamCommand, 'AA AA AA 96 69 00 03 10 FF EC'],
    [buildSamStatusCommand, 'AA AA AA 96 69 00 03 11 FF ED'],
    [buildReadSamIdCommand, 'AA AA AA 96 69 00 03 12 FF EE'],
    [buildFindCardCommand, 'AA AA AA 96 69 00 03 20 01 22'],
    [buildSelectCardCommand, 'AA AA AA 96 69 00 03 20 02 21'],
    [buildReadBaseCommand, 'AA AA AA 96 69 00 03 30 01 32'],
    [buildReadExtraAddressCommand, 'AA AA AA 96 69 00 03 30 03 30'],
    [buildReadBaseWithFingerprintCommand, 'AA AA AA 96 69 00 03 30 10 23'],
  ])('%o builds %s', (build, expected) => {
    expect(toHex(build())).toBe(expected);
  });

  it('parses a command back to its name', () => {
    const r = decodeFrame(buildSelectCardCommand());
    expect(r.kind).toBe('frame');
    if (r.kind === 'frame')
      expect(parseCommand(r.frame)).toMatchObject({ cmd: 0x20, para: 0x02, name: 'selectCard' });
  });
});

describe('response frames (protocols.md §1.5 golden vectors)', () => {
  it.each([
    [buildFindOkResponse(), 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
    [buildResponse(SW3.noCard), 'AA AA AA 96 69 00 04 00 00 80 84'],
    [buildSelectOkResponse(), 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'],
    [buildResponse(SW3.selectFailed), 'AA AA AA 96 69 00 04 00 00 81 85'],
    [buildResponse(SW3.cardReadFailed), 'AA AA AA 96 69 00 04 00 00 41 45'],
  ])('builds %#', (bytes, expected) => {
    expect(toHex(bytes)).toBe(expected);
  });

  it('decodes the golden find-OK reply', () => {
    const r = decodeFrame(hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    expect(r).toMatchObject({ kind: 'frame', consumed: 15 });
    if (r.kind === 'frame')
      expect(parseResponse(r.frame)).toMatchObject({ sw3: 0x9f, data: new Uint8Array(4) });
  });

  it('rejects the widely copied find frame with checksum 21 and resynchronises after it', () => {
    const bad = hex('AA AA AA 96 69 00 03 20 01 21');
    const good = buildFindCardCommand();
    const skips: string[] = [];
    const frames = new FrameAssembler(decodeFrame, (reason) => skips.push(reason)).push(
      Uint8Array.from([...bad, ...good]),
    );
    expect(frames).toHaveLength(1);
    expect(skips).toContain('badChecksum');
  });

  it('lays out the 30 01 reply as 1295 bytes with TEXT at 14 and PHOTO at 270', () => {
    const text = new Uint8Array(256).fill(0x11);
    const photo = new Uint8Array(1024).fill(0x22);
    const frame = buildCardBlocksResponse({ text, photo }, false);
    expect(frame.length).toBe(1295);
    expect(toHex(frame.subarray(5, 14))).toBe('05 08 00 00 90 01 00 04 00');
    expect(frame[14]).toBe(0x11);
    expect(frame[270]).toBe(0x22);
    const withFp = buildCardBlocksResponse({ text, photo, fingerprint: new Uint8Array(1024) }, true);
    expect(withFp.length).toBe(2321);
    expect(toHex(withFp.subarray(5, 7))).toBe('09 0A');
  });

  it('parses the text/photo/fingerprint blocks and refuses a length mismatch', () => {
    const text = new Uint8Array(256).fill(1);
    const photo = new Uint8Array(1024).fill(2);
    const fingerprint = new Uint8Array(1024).fill(3);
    const r = decodeFrame(buildCardBlocksResponse({ text, photo, fingerprint }, true));
    if (r.kind !== 'frame') throw new Error('no frame');
    const data = parseResponse(r.frame)!.data;
    expect(parseCardBlocks(data, true)).toEqual({ ok: true, blocks: { text, photo, fingerprint } });
    expect(parseCardBlocks(data.subarray(0, 1000), true)).toEqual({ ok: false, reason: 'lengthMismatch' });
  });

  it('builds the extra-address reply as 81 bytes (LEN 00 4A)', () => {
    const f = buildExtraAddressResponse(new Uint8Array(70));
    expect(f.length).toBe(81);
    expect(toHex(f.subarray(5, 7))).toBe('00 4A');
  });

  it('formats the SAM ID as %02d.%02d-%08d-%010d-%010d from a 27-byte reply', () => {
    const f = buildSamIdResponse([5, 1, 20230101, 1234567, 4294967295]);
    expect(f.length).toBe(27);
    expect(toHex(f.subarray(5, 7))).toBe('00 14');
    const r = decodeFrame(f);
    if (r.kind !== 'frame') throw new Error('no frame');
    expect(formatSamId(parseResponse(r.frame)!.data)).toBe('05.01-20230101-0001234567-4294967295');
  });
});

describe('decodeFrame robustness', () => {
  it('waits for more bytes on a frame cut at every possible boundary', () => {
    const frame = buildFindOkResponse();
    for (let cut = 1; cut < frame.length; cut++) {
      const a = new FrameAssembler(decodeFrame);
      expect(a.push(frame.subarray(0, cut))).toEqual([]);
      expect(a.push(frame.subarray(cut))).toHaveLength(1);
    }
  });

  it('skips noise, including partial preambles, before a frame', () => {
    const noise = hex('00 AA AA 13 AA AA AA 96 12 FF AA');
    const skips: string[] = [];
    const a = new FrameAssembler(decodeFrame, (reason) => skips.push(reason));
    const frames = a.push(Uint8Array.from([...noise, ...buildResponse(SW3.success)]));
    expect(frames).toHaveLength(1);
    expect(skips.every((s) => s === 'noise' || s === 'badLength' || s === 'badChecksum')).toBe(true);
    expect(a.buffered).toBe(0);
  });

  it('keeps a trailing partial preamble and drops other garbage', () => {
    expect(decodeFrame(hex('AA AA AA 96'))).toEqual({ kind: 'need-more' });
    expect(decodeFrame(hex('01 02 AA AA'))).toEqual({ kind: 'skip', consumed: 2, reason: 'noise' });
  });

  it('skips a preamble followed by an impossible length', () => {
    expect(decodeFrame(hex('AA AA AA 96 69 00 01 00'))).toMatchObject({ kind: 'skip', reason: 'badLength' });
    expect(decodeFrame(hex('AA AA AA 96 69 FF FF 00'))).toMatchObject({ kind: 'skip', reason: 'badLength' });
  });

  it('round-trips any payload through encode, arbitrary chunking and noise (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 2, maxLength: 300 }), { minLength: 1, maxLength: 5 }),
        fc.uint8Array({ maxLength: 20 }).filter((n) => !n.includes(0xaa)),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (payloads, noise, cuts) => {
          const wire = Uint8Array.from([...noise, ...payloads.flatMap((p) => [...encodeFrame(p)])]);
          const a = new FrameAssembler<SamFrame>(decodeFrame);
          const got: SamFrame[] = [];
          let off = 0;
          for (let i = 0; off < wire.length; i++) {
            const n = cuts[i % cuts.length]!;
            got.push(...a.push(wire.subarray(off, off + n)));
            off += n;
          }
          expect(got.map((f) => f.payload)).toEqual(payloads);
        },
      ),
    );
  });

  it('never yields a frame whose checksum was corrupted (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 2, maxLength: 100 }),
        fc.integer({ min: 1, max: 255 }),
        (p, flip) => {
          const wire = encodeFrame(p);
          wire[wire.length - 1]! ^= flip;
          expect(new FrameAssembler(decodeFrame).push(wire)).toEqual([]);
        },
      ),
    );
  });
});

describe('SW3 status mapping (§1.4)', () => {
  it('maps every listed failure to a code and camelCase detail', () => {
    expect(FAILURE_SW3).toHaveLength(16);
    for (const sw3 of FAILURE_SW3) {
      const m = describeStatus(sw3);
      expect(m.detail).toMatch(/^[a-z][A-Za-z]+$/);
      expect(m.message).toMatch(/[\u4e00-\u9fff].* \/ /);
    }
  });

  it.each([
    [0x80, 'noMedia', 'noCard'],
    [0x81, 'userAction', 'selectFailed'],
    [0x41, 'userAction', 'cardReadFailed'],
    [0x10, 'protocol', 'checksumError'],
    [0x60, 'hardware', 'samSelfTestFailed'],
    [0x66, 'hardware', 'samNotAuthorized'],
    [0x91, 'unsupported', 'noContent'],
    [0x23, 'sequence', 'outOfSequence'],
    [0x31, 'rejected', 'cardAuthenticationFailed'],
    [0x7e, 'protocol', 'unknownStatus'],
  ])('0x%s → %s / %s', (sw3, code, detail) => {
    expect(describeStatus(sw3)).toMatchObject({ code, detail });
  });
});

describe('reply plausibility (no command echo on the wire)', () => {
  const resp = (bytes: Uint8Array) => {
    const r = decodeFrame(bytes);
    if (r.kind !== 'frame') throw new Error('no frame');
    return parseResponse(r.frame)!;
  };
  it('tells a late find reply from a select reply', () => {
    expect(isPlausibleReply('selectCard', resp(buildFindOkResponse()))).toBe(false);
    expect(isPlausibleReply('findCard', resp(buildFindOkResponse()))).toBe(true);
    expect(isPlausibleReply('readBase', resp(buildSelectOkResponse()))).toBe(false);
    expect(isPlausibleReply('selectCard', resp(buildSelectOkResponse()))).toBe(true);
  });
  it('accepts failure statuses without data for any command', () => {
    expect(isPlausibleReply('readBase', resp(buildResponse(SW3.cardReadFailed)))).toBe(true);
    expect(isPlausibleReply('findCard', resp(buildResponse(SW3.noCard)))).toBe(true);
    expect(isPlausibleReply('readExtraAddress', resp(buildResponse(SW3.noContent)))).toBe(true);
    expect(isPlausibleReply('readSamId', resp(buildResponse(SW3.success)))).toBe(false);
  });
});
