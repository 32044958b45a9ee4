import type { Quad } from './geometry';
import { quadSideLengths } from './geometry';

export type PaperKind = 'a4' | 'id1';
export type Orientation = 'portrait' | 'landscape';
/** `auto` picks by the detected outline's aspect ratio; a flow that knows what it scans forces one. */
export type PaperChoice = PaperKind | 'auto';

/** Physical sizes: A4 (ISO 216) and ID-1 (ISO/IEC 7810, the resident ID card and bank cards). */
export const PAPER_MM: Record<PaperKind, { long: number; short: number }> = {
  a4: { long: 297, short: 210 },
  id1: { long: 85.6, short: 53.98 },
};

/** Output resolution per kind: A4 at 150 dpi keeps text legible; a card is small so it gets 300 dpi. */
export const DEFAULT_DPI: Record<PaperKind, number> = { a4: 150, id1: 300 };

export interface PageTarget {
  paper: PaperKind;
  orientation: Orientation;
  width: number;
  height: number;
}

/** The paper kind whose long:short ratio is closest (in log scale) to `ratio`. */
export function closestPaper(ratio: number): PaperKind {
  const r = ratio >= 1 ? ratio : 1 / ratio;
  const score = (k: PaperKind): number => Math.abs(Math.log(r / (PAPER_MM[k].long / PAPER_MM[k].short)));
  return score('a4') <= score('id1') ? 'a4' : 'id1';
}

/**
 * Output pixel size for a detected outline: the paper's exact aspect at `dpi`, but never larger
 * than the outline measured in the source, so a low-resolution frame is not blown up.
 */
export function chooseTarget(
  quad: Quad,
  choice: PaperChoice = 'auto',
  dpi: Record<PaperKind, number> = DEFAULT_DPI,
): PageTarget {
  const { width: w, height: h } = quadSideLengths(quad);
  const paper = choice === 'auto' ? closestPaper(w / h) : choice;
  const orientation: Orientation = w > h ? 'landscape' : 'portrait';
  const mm = PAPER_MM[paper];
  const longAtDpi = (mm.long / 25.4) * dpi[paper];
  const long = Math.max(1, Math.round(Math.min(longAtDpi, Math.max(w, h))));
  const short = Math.max(1, Math.round((long * mm.short) / mm.long));
  return orientation === 'landscape'
    ? { paper, orientation, width: long, height: short }
    : { paper, orientation, width: short, height: long };
}
