import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatTrackingNumber,
  isValidTrackingNumber,
  qrPayload,
  readQrPayload,
  trackingMac,
} from './tracking';

const NOW = Date.parse('2026-11-23T02:00:00Z');

describe('tracking numbers', () => {
  it('use the China Standard Time date and a zero-padded daily sequence', () => {
    expect(formatTrackingNumber(NOW, 123)).toMatch(/^YZ20261123-000123[0-9A-Y]$/);
    // 16:00 UTC is already the next day in Beijing.
    expect(formatTrackingNumber(Date.parse('2026-11-23T16:00:00Z'), 1)).toMatch(/^YZ20261124-000001/);
  });

  it('detect every single-digit typo and every adjacent transposition', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.integer({ min: 2, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (seq, pos, delta) => {
          const tn = formatTrackingNumber(NOW, seq);
          expect(isValidTrackingNumber(tn)).toBe(true);
          const chars = [...tn];
          if (chars[pos] === '-') return;
          const typo = [...chars];
          typo[pos] = String((Number(chars[pos]) + delta) % 10);
          expect(isValidTrackingNumber(typo.join(''))).toBe(false);
          const next = pos + 1;
          if (next < 17 && chars[next] !== '-' && chars[next] !== chars[pos]) {
            const swapped = [...chars];
            [swapped[pos], swapped[next]] = [chars[next] ?? '', chars[pos] ?? ''];
            expect(isValidTrackingNumber(swapped.join(''))).toBe(false);
          }
        },
      ),
    );
  });

  it('sign QR payloads so a forged tracking number does not verify', () => {
    const tn = formatTrackingNumber(NOW, 7);
    const payload = qrPayload(tn, 'secret-0123456789abcdef');
    expect(payload).toBe(`yizhan://track/${tn}?v=${trackingMac(tn, 'secret-0123456789abcdef')}`);
    expect(payload).toMatch(/^[A-Za-z0-9:/?=._-]+$/);
    expect(trackingMac(tn, 'another-secret-0123456789')).not.toBe(trackingMac(tn, 'secret-0123456789abcdef'));
  });
  it('reads back only genuine QR payloads', () => {
    const secret = 'secret-0123456789abcdef';
    const tn = formatTrackingNumber(NOW, 42);
    const payload = qrPayload(tn, secret);
    expect(readQrPayload(payload, secret)).toBe(tn);
    expect(readQrPayload(` ${payload}\n`, secret)).toBe(tn);
    expect(readQrPayload(payload, 'another-secret-0123456789')).toBeNull();
    const other = formatTrackingNumber(NOW, 43);
    expect(readQrPayload(payload.replace(tn, other), secret)).toBeNull();
    expect(readQrPayload(payload.slice(0, -1) + (payload.endsWith('A') ? 'B' : 'A'), secret)).toBeNull();
    expect(readQrPayload(`https://example.com/?v=${trackingMac(tn, secret)}`, secret)).toBeNull();
  });
});

// Golden values computed outside the code: the check character c satisfies
// Σ vᵢ·2^(n−i+1) + c ≡ 1 (mod 31) over the body without its dash (digits 0–9, A=10 … Z=35), written
// in 0123456789ABCDEFGHJKLMNPQRTUWXY; the MAC is HMAC-SHA256("track:" + number), base64url, 16 chars.
describe('tracking numbers, golden values', () => {
  it.each([
    ['2026-11-23T02:00:00Z', 123, 'YZ20261123-000123U'],
    ['2026-11-23T16:00:00Z', 1, 'YZ20261124-000001C'],
    ['2026-11-23T02:00:00Z', 7, 'YZ20261123-0000074'],
    ['1999-12-31T15:59:59Z', 999_999, 'YZ19991231-999999J'],
    ['2026-11-23T02:00:00Z', 1_234_567, 'YZ20261123-12345676'],
  ])('%s, number %i → %s', (iso, seq, tn) => {
    expect(formatTrackingNumber(Date.parse(iso), seq)).toBe(tn);
    expect(isValidTrackingNumber(tn)).toBe(true);
  });
  it.each([
    ['a wrong check character', 'YZ20261123-000123V'],
    ['lower case', 'yz20261123-000123U'],
    ['another prefix', 'XZ20261123-000123U'],
    ['a five-digit number', 'YZ20261123-00123U'],
    ['no dash', 'YZ20261123000123U'],
    ['a letter the alphabet leaves out', 'YZ20261123-000123Z'],
    ['trailing text', 'YZ20261123-000123U '],
    ['leading text', 'xYZ20261123-000123U'],
  ])('refuses %s', (_label, tn) => {
    expect(isValidTrackingNumber(tn)).toBe(false);
  });
  it('signs with HMAC-SHA256 over "track:" and the number', () => {
    expect(trackingMac('YZ20261123-000123U', 'secret-0123456789abcdef')).toBe('L1QfbqV_2-rV4u41');
    expect(qrPayload('YZ20261123-000123U', 'secret-0123456789abcdef')).toBe(
      'yizhan://track/YZ20261123-000123U?v=L1QfbqV_2-rV4u41',
    );
  });
  it('reads only whole, well-formed payloads', () => {
    const secret = 'secret-0123456789abcdef';
    const good = 'yizhan://track/YZ20261123-000123U?v=L1QfbqV_2-rV4u41';
    expect(readQrPayload(good, secret)).toBe('YZ20261123-000123U');
    expect(readQrPayload(`x${good}`, secret)).toBeNull();
    expect(readQrPayload(`${good}x`, secret)).toBeNull();
    expect(readQrPayload(good.replace('?v=L1QfbqV_2-rV4u41', '?v=L1QfbqV_2-rV4u4'), secret)).toBeNull();
    // a genuine MAC over a number whose check character is wrong
    const forged = 'YZ20261123-000123V';
    expect(readQrPayload(`yizhan://track/${forged}?v=${trackingMac(forged, secret)}`, secret)).toBeNull();
  });
});
