import type { PaperKind } from './paper';

/** Per-page byte budgets: an A4 page at ~150 dpi, an ID card at 300 dpi. */
export const DEFAULT_PAGE_BUDGET: Record<PaperKind, number> = { a4: 300_000, id1: 80_000 };

/** Quality steps tried in order; below ~0.4 JPEG blocking makes small print unreadable. */
export const QUALITY_STEPS = [0.92, 0.85, 0.78, 0.7, 0.62, 0.55, 0.48, 0.4] as const;
/** If even the lowest quality is too big, the page is downscaled by these factors in turn. */
export const SCALE_STEPS = [1, 0.85, 0.7, 0.55] as const;

/** Encodes the page at `quality` (0..1) after resizing it by `scale` (0..1]. */
export type JpegEncoder = (quality: number, scale: number) => Promise<Uint8Array>;

export interface BudgetedJpeg {
  bytes: Uint8Array;
  quality: number;
  scale: number;
  attempts: number;
}

export class JpegBudgetError extends Error {
  override readonly name = 'JpegBudgetError';
  constructor(
    readonly budget: number,
    readonly smallest: number,
  ) {
    super(`page JPEG is ${smallest} bytes at the lowest quality and scale; budget ${budget}`);
  }
}

/** Steps quality down, then size, until the encoded page fits `budget` bytes. */
export async function encodeWithinBudget(
  encode: JpegEncoder,
  budget: number,
  qualities: readonly number[] = QUALITY_STEPS,
  scales: readonly number[] = SCALE_STEPS,
): Promise<BudgetedJpeg> {
  let attempts = 0;
  let smallest = Infinity;
  for (const scale of scales) {
    for (const quality of qualities) {
      const bytes = await encode(quality, scale);
      attempts++;
      if (bytes.length <= budget) return { bytes, quality, scale, attempts };
      smallest = Math.min(smallest, bytes.length);
    }
  }
  throw new JpegBudgetError(budget, smallest);
}
