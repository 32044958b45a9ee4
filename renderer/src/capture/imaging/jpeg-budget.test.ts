import { describe, expect, test } from 'vitest';
import { JpegBudgetError, encodeWithinBudget } from './jpeg-budget';

/** A stand-in encoder whose size grows with quality and with the square of the scale, like JPEG. */
const fakeEncoder = (fullSize: number) => (quality: number, scale: number) =>
  Promise.resolve(new Uint8Array(Math.round(fullSize * quality * scale * scale)));

describe('encodeWithinBudget', () => {
  test('keeps the highest quality that fits', async () => {
    const r = await encodeWithinBudget(fakeEncoder(400_000), 300_000);
    expect(r.quality).toBe(0.7);
    expect(r.scale).toBe(1);
    expect(r.bytes.length).toBeLessThanOrEqual(300_000);
    expect(r.attempts).toBe(4);
  });

  test('downscales only when the lowest quality is still too big', async () => {
    const r = await encodeWithinBudget(fakeEncoder(1_000_000), 300_000);
    expect(r.scale).toBeLessThan(1);
    expect(r.bytes.length).toBeLessThanOrEqual(300_000);
  });

  test('fails with the smallest size it reached', async () => {
    const err = await encodeWithinBudget(fakeEncoder(1_000_000), 8_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JpegBudgetError);
    expect((err as JpegBudgetError).smallest).toBe(Math.round(1_000_000 * 0.4 * 0.55 * 0.55));
  });
});
