import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeScan, encodeScanText, splitScans, symbologyFromAim } from './scan-data';

const TEXT = '一码办 https://ymb.example.gov.cn/q?id=网证CTID&n=张三';

// Golden bytes from the GB 18030 / GBK code tables and RFC 3629, written out by hand (checked with
// Python's own codecs), not produced by the code under test: 网 CD F8 / E7 BD 91, 证 D6 A4 / E8 AF 81,
// 一 D2 BB / E4 B8 80.
const WANGZHENG_GBK = Uint8Array.of(0xcd, 0xf8, 0xd6, 0xa4);
const WANGZHENG_UTF8 = Uint8Array.of(0xe7, 0xbd, 0x91, 0xe8, 0xaf, 0x81);

describe('scan data', () => {
  it('reads GBK bytes as GB18030, whatever the module was set to send', () => {
    const bytes = Uint8Array.from(iconv.encode(TEXT, 'gbk'));
    expect(bytes[0]).toBe(0xd2); // 一 in GBK is D2 BB
    expect(decodeScan(bytes, { aimPrefix: false })).toEqual({
      text: TEXT,
      symbology: 'unknown',
      aim: undefined,
      encoding: 'gb18030',
    });
    expect(decodeScan(WANGZHENG_GBK, { aimPrefix: false })).toMatchObject({
      text: '网证',
      encoding: 'gb18030',
    });
  });

  it('reads valid UTF-8 as UTF-8, and plain ASCII as itself', () => {
    expect(decodeScan(WANGZHENG_UTF8, { aimPrefix: false })).toMatchObject({
      text: '网证',
      encoding: 'utf8',
    });
    const bytes = Uint8Array.from(Buffer.from(TEXT, 'utf8'));
    expect(decodeScan(bytes, { aimPrefix: false }).text).toBe(TEXT);
    expect(encodeScanText(TEXT, 'utf8')).toEqual(bytes);
    expect(encodeScanText('网证', 'gbk')).toEqual(WANGZHENG_GBK);
    expect(decodeScan(Uint8Array.of(0x53, 0x46, 0x31, 0x32), { aimPrefix: false })).toMatchObject({
      text: 'SF12',
      encoding: 'utf8',
    });
  });

  it('turns bytes that are neither UTF-8 nor GB18030 into U+FFFD, never an exception', () => {
    expect(decodeScan(Uint8Array.of(0x41, 0xff, 0x42), { aimPrefix: false }).text).toBe('A\uFFFDB');
  });

  it('parses the AIM identifier prefix when enabled', () => {
    const bytes = Uint8Array.of(...Buffer.from(']Q1'), ...WANGZHENG_GBK);
    expect(decodeScan(bytes, { aimPrefix: true })).toEqual({
      text: '网证',
      symbology: 'qr',
      aim: ']Q1',
      encoding: 'gb18030',
    });
    expect(decodeScan(Buffer.from(']C0SF1234567890'), { aimPrefix: true })).toMatchObject({
      text: 'SF1234567890',
      symbology: 'code128',
    });
    // without the prefix enabled the same bytes are text
    expect(decodeScan(Buffer.from(']C0AB'), { aimPrefix: false })).toMatchObject({
      text: ']C0AB',
      symbology: 'unknown',
    });
  });

  it.each([
    [']Q1', 'qr'],
    [']C0', 'code128'],
    [']E0', 'ean13'],
    [']E4', 'ean8'],
    [']E3', 'upcE'],
    [']d2', 'dataMatrix'],
    [']L0', 'pdf417'],
    [']A0', 'code39'],
    [']G0', 'code93'],
    [']F0', 'codabar'],
    [']I0', 'itf'],
    [']z0', 'aztec'],
    [']e0', 'gs1Databar'],
    [']h0', 'hanXin'],
    [']X0', 'unknown'],
    ['Q1', 'unknown'],
    [']Q', 'unknown'],
  ])('maps AIM %s to %s', (aim, symbology) => {
    expect(symbologyFromAim(aim)).toBe(symbology);
  });

  it.each([
    ['CR', 'A1\rB2\rC'],
    ['LF', 'A1\nB2\nC'],
    ['CR LF', 'A1\r\nB2\r\nC'],
    ['TAB', 'A1\tB2\tC'],
    ['a mix, with a CR LF split across chunks', 'A1\r\n\nB2\tC'],
  ])('ends a scan at %s and keeps the unterminated tail', (_name, text) => {
    const { scans, rest } = splitScans(new TextEncoder().encode(text));
    expect(scans.map((s) => new TextDecoder().decode(s))).toEqual(['A1', 'B2']);
    expect(new TextDecoder().decode(rest)).toBe('C');
  });

  it('keeps everything as the tail when no terminator came', () => {
    expect(splitScans(new TextEncoder().encode('A1')).scans).toEqual([]);
    expect(splitScans(Uint8Array.of(0x0d, 0x0a)).scans).toEqual([]);
  });
});

// Edges found by surviving mutants (issue #12).
describe('scan data edges', () => {
  const ascii = (s: string) => new TextEncoder().encode(s);
  it('takes an AIM id only as three whole characters at the start', () => {
    expect(symbologyFromAim(']Q1x')).toBe('unknown');
    expect(symbologyFromAim('xQ]A0')).toBe('unknown');
    expect(decodeScan(ascii(']Q1'), { aimPrefix: true })).toMatchObject({
      aim: ']Q1',
      text: '',
      symbology: 'qr',
    });
    expect(decodeScan(ascii(']Q'), { aimPrefix: true })).toMatchObject({ aim: undefined, text: ']Q' });
    expect(decodeScan(ascii('ABC1'), { aimPrefix: true })).toMatchObject({ aim: undefined, text: 'ABC1' });
  });
  it('splits on CR LF inside one chunk, and on a TAB followed by data', () => {
    const { scans, rest } = splitScans(ascii('A1\r\nB2\tC3\nD'));
    expect(scans.map((s) => new TextDecoder().decode(s))).toEqual(['A1', 'B2', 'C3']);
    expect(new TextDecoder().decode(rest)).toBe('D');
  });
});
