// What the capture screen sends for PDF assembly. Validated here because it crosses from the
// renderer (untrusted) into main.
import { z } from 'zod';

export const PAPER_KINDS = ['a4', 'id1'] as const;
export type ScanPaper = (typeof PAPER_KINDS)[number];

/** 2 MB: far above the per-page budgets below; anything bigger is not ours and fails validation. */
export const MAX_PAGE_BYTES = 2_000_000;
/**
 * Per-page JPEG budgets, the same as the capture screen encodes to (renderer/src/capture, kept equal
 * by tests/e2e/capture/page-budget.test.ts): an A4 page at ~150 dpi, an ID card at 300 dpi. Checked
 * again here because the renderer is untrusted.
 */
export const DEFAULT_PAGE_BUDGET: Readonly<Record<ScanPaper, number>> = { a4: 300_000, id1: 80_000 };
export const MAX_PAGES = 50;
/** Whole-PDF budget by default: the attachment limit of common 一网通办 back offices. */
export const DEFAULT_PDF_BUDGET = 5_000_000;

export const ScanPage = z.object({
  paper: z.enum(PAPER_KINDS),
  jpeg: z
    .instanceof(Uint8Array)
    .refine((b) => b.length > 0 && b.length <= MAX_PAGE_BYTES, { message: `1..${MAX_PAGE_BYTES} bytes` }),
  /** Declared pixel size; when present it must match the JPEG header. */
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type ScanPage = z.infer<typeof ScanPage>;

export const ScanPdfRequest = z.object({
  pages: z.array(ScanPage).min(1).max(MAX_PAGES),
  /** Document title stored in the PDF metadata (e.g. the material's name). */
  title: z.string().max(200).optional(),
});
export type ScanPdfRequest = z.infer<typeof ScanPdfRequest>;
