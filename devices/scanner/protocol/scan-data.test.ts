import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeScan, encodeScanText, splitScans, symbologyFromAim } from './scan-data';

const TEXT = '一码办 https://ymb.example.gov.cn/q?id=网证CTID&n=张三';

describe('scan data', () => {
  it('decodes GBK bytes as the scanner sends them by default', () => {
    const bytes = Uint8Array.from(iconv.encode(TEXT, 'gbk'));
    expect(bytes[0]).toBe(0xd2); // 一 in GBK is D2 BB
    expect(decodeScan(bytes, { encoding: 'gbk', aimPrefix: false })).toEqual({
      text: TEXT,
      symbology: 'unknown',
      aim: undefined,
    });
  });

  it('decodes UTF-8 bytes when the scanner is set to UTF-8', () => {
    const bytes = Uint8Array.from(Buffer.from(TEXT, 'utf8'));
    expect(decodeScan(bytes, { encoding: 'utf8', aimPrefix: false }).text).toBe(TEXT);
    expect(encodeScanText(TEXT, 'utf8')).toEqual(bytes);
  });

  it('shows mojibake, not an exception, when the encoding setting is wrong', () => {
    const text = decodeScan(encodeScanText('网证', 'gbk'), { encoding: 'utf8', aimPrefix: false }).text;
    expect(text).not.toBe('网证');
    expect(text).toContain('\uFFFD');
  });

  it('parses the AIM identifier prefix when enabled', () => {
    const bytes = Uint8Array.of(...Buffer.from(']Q1'), ...encodeScanText('网证', 'gbk'));
    expect(decodeScan(bytes, { encoding: 'gbk', aimPrefix: true })).toEqual({
      text: '网证',
      symbology: 'qr',
      aim: ']Q1',
    });
    expect(decodeScan(Buffer.from(']C0SF1234567890'), { encoding: 'utf8', aimPrefix: true })).toMatchObject({
      text: 'SF1234567890',
      symbology: 'code128',
    });
    // without the prefix enabled the same bytes are text
    expect(decodeScan(Buffer.from(']C0AB'), { encoding: 'utf8', aimPrefix: false })).toMatchObject({
      text: ']C0AB',
      symbology: 'unknown',
    });
  });

  it.each([
    [']Q1', 'qr'],
    [']C0', 'code128'],
    [']E0', 'ean13'],
    [']E4', 'ean8'],
    [']d2', 'dataMatrix'],
    [']L0', 'pdf417'],
    [']A0', 'code39'],
    [']X0', 'unknown'],
    ['Q1', 'unknown'],
  ])('maps AIM %s to %s', (aim, symbology) => {
    expect(symbologyFromAim(aim)).toBe(symbology);
  });

  it('splits at the terminator and keeps an incomplete tail', () => {
    const enc = new TextEncoder();
    const { scans, rest } = splitScans(enc.encode('A1\r\nB2\r\nC'), Uint8Array.of(0x0d, 0x0a));
    expect(scans.map((s) => new TextDecoder().decode(s))).toEqual(['A1', 'B2']);
    expect(new TextDecoder().decode(rest)).toBe('C');
    expect(splitScans(enc.encode('A1'), new Uint8Array(0)).scans).toEqual([]);
  });
});
