import type { z } from 'zod';
import type { Verification } from './schema';

/** Document facts fixed by the data, so identical input gives identical bytes. */
export interface DocumentMeta {
  title: string;
  /** ISO timestamp with offset; becomes the PDF CreationDate/ModDate. */
  issuedAt: string;
  /** Issued documents carry one; a blank form (样表) has none. */
  verification?: Verification | undefined;
}

/** What a document depends on besides its data: the site's time zone (domain/time). */
export interface RenderContext {
  /** IANA zone every time is printed in; Asia/Shanghai unless the site configures another. */
  timeZone: string;
}

/**
 * An A4 template: a zod schema for its data and a pure draw function over a pdfkit document that
 * the caller created (see render.ts). Templates never read files, clocks or the network.
 */
export interface PdfTemplate<Schema extends z.ZodType = z.ZodType> {
  id: string;
  /** Chinese name shown in menus and logs, e.g. 参保证明. */
  name: string;
  paper: 'A4';
  schema: Schema;
  meta(data: z.output<Schema>): DocumentMeta;
  draw(doc: PDFKit.PDFDocument, data: z.output<Schema>, ctx: RenderContext): void;
}

export function definePdfTemplate<Schema extends z.ZodType>(t: PdfTemplate<Schema>): PdfTemplate<Schema> {
  return t;
}
