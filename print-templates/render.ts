import PDFDocument from 'pdfkit';
import type { z } from 'zod';
import { pageFooters } from './_shared/blocks';
import { DEFAULT_TIME_ZONE } from '../domain/time';
import type { PdfTemplate, RenderContext } from './_shared/define';
import type { FontPlan, FontRegistry } from './_shared/fonts';
import { MARGIN } from './_shared/units';
import { parseTemplateData } from './_shared/validate';

export { parseTemplateData, TemplateDataError } from './_shared/validate';

/** Every string in the validated data: what the document will print besides the template's own wording. */
function* dataTexts(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* dataTexts(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* dataTexts(v);
}

/**
 * Creates the A4 document with fixed metadata (from the data, never the clock), lets the template
 * draw, adds page footers and returns the PDF bytes. The fonts follow from the data (FontRegistry.
 * planFor): the shipped subset when it has every character, else the full regular face; a weight
 * whose subset still drew an empty box is drawn again with its full face. Times print in
 * `timeZone` (default Beijing time). Identical input always gives identical bytes.
 */
export async function renderPdf<S extends z.ZodType>(
  template: PdfTemplate<S>,
  raw: unknown,
  deps: { fonts: FontRegistry; timeZone?: string | undefined },
): Promise<Uint8Array> {
  const data = parseTemplateData(template, raw);
  const ctx: RenderContext = { timeZone: deps.timeZone ?? DEFAULT_TIME_ZONE };
  let plan = deps.fonts.planFor(dataTexts(data));
  for (;;) {
    const { pdf, missingGlyphs } = await draw(template, data, ctx, deps.fonts, plan);
    if (!missingGlyphs.regular && !missingGlyphs.bold) return pdf;
    // A subset face drew an empty box: that weight moves to the full face (at most twice in all).
    plan = {
      regular: missingGlyphs.regular ? 'full' : plan.regular,
      bold: missingGlyphs.bold ? 'full' : plan.bold,
    };
  }
}

async function draw<S extends z.ZodType>(
  template: PdfTemplate<S>,
  data: z.output<S>,
  ctx: RenderContext,
  fonts: FontRegistry,
  plan: FontPlan,
): Promise<{ pdf: Uint8Array; missingGlyphs: Record<'regular' | 'bold', boolean> }> {
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
  const session = fonts.open(doc, plan);
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
  template.draw(doc, data, ctx);
  pageFooters(doc, meta.verification?.code);
  const { missingGlyphs } = session.finish();
  doc.end();
  return { pdf: await done, missingGlyphs };
}
