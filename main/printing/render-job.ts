/**
 * What the render worker does with one request, kept apart from the worker's message port so the
 * in-process fallback and tests run the very same code. Loads pdfkit, fontkit and the fonts: only
 * the worker (or the fallback) imports it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { FontRegistry, PDF_TEMPLATES, renderPdf, TemplateDataError } from '../../print-templates/index';

export interface RenderRequest {
  id: number;
  templateId: string;
  data: unknown;
  timeZone: string;
}

export type RenderReply =
  | { id: number; pdf: Uint8Array }
  | {
      id: number;
      error: { code: 'unknownTemplate' | 'invalidData' | 'renderFailed'; message: string; issues?: string[] };
    };

/** One per worker: parsed fonts and layout caches stay warm between documents. */
export function createRenderJob(): { warm(): Promise<void>; run(req: RenderRequest): Promise<RenderReply> } {
  const fonts = new FontRegistry((p) => (existsSync(p) ? readFileSync(p) : undefined));
  const run = async (req: RenderRequest): Promise<RenderReply> => {
    const template = PDF_TEMPLATES[req.templateId];
    if (!template)
      return { id: req.id, error: { code: 'unknownTemplate', message: `no A4 template ${req.templateId}` } };
    try {
      return { id: req.id, pdf: await renderPdf(template, req.data, { fonts, timeZone: req.timeZone }) };
    } catch (err) {
      if (err instanceof TemplateDataError)
        return { id: req.id, error: { code: 'invalidData', message: err.message, issues: err.issues } };
      return {
        id: req.id,
        error: { code: 'renderFailed', message: err instanceof Error ? err.message : String(err) },
      };
    }
  };
  return {
    /** Parses the shipped font subset and draws one small document, so the first citizen's is fast. */
    async warm() {
      await run({ id: 0, templateId: 'blank-form', timeZone: 'Asia/Shanghai', data: WARM_UP });
    },
    run,
  };
}

const WARM_UP = {
  service: { code: 'warm-up', name: '预热', department: '一站' },
  sections: [{ title: '预热', fields: [{ label: '预热' }] }],
  materials: [],
  printedAt: '2026-01-01T00:00:00+08:00',
};
