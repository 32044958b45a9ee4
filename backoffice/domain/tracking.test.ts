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
