import PDFDocument from 'pdfkit';
import type { z } from 'zod';
import { pageFooters } from './_shared/blocks';
import type { PdfTemplate } from './_shared/define';
import type { FontRegistry } from './_shared/fonts';
import { describeIssues } from './_shared/schema';
import { MARGIN } from './_shared/units';

/** Thrown when template data fails its schema; `issues` lists one "path: message" per field. */
export class TemplateDataError extends Error {
  override readonly name = 'TemplateDataError';
  constructor(
    readonly templateId: string,
    readonly issues: string[],
  ) {
    super(`数据校验失败 / invalid data for template ${templateId}:\n  ${issues.join('\n  ')}`);
  }
}

export function parseTemplateData<S extends z.ZodType>(template: PdfTemplate<S>, raw: unknown): z.output<S> {
  const parsed = template.schema.safeParse(raw);
  if (!parsed.success) throw new TemplateDataError(template.id, describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Creates the A4 document with fixed metadata (from the data, never the clock), lets the template
 * draw, adds page footers and returns the PDF bytes.
 */
export async function renderPdf<S extends z.ZodType>(
  template: PdfTemplate<S>,
  raw: unknown,
  deps: { fonts: FontRegistry },
): Promise<Uint8Array> {
  const data = parseTemplateData(template, raw);
  const meta = template.meta(data);
  const issued = new Date(meta.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: '一站 Yizhan',
      Creator: `yizhan print-templates/${template.id}`,
      Producer: 'Yizhan (pdfkit)',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  deps.fonts.apply(doc);
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
  template.draw(doc, data);
  pageFooters(doc, meta.verification.code);
  doc.end();
  return await done;
}
