import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FontRegistry, PDF_TEMPLATES, renderPdf } from '../../../print-templates/index';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** One font registry per test process, reading the Debian font files. */
export const fonts = new FontRegistry((p) => (existsSync(p) ? readFileSync(p) : undefined));

export function sample(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'print-templates', id, 'sample.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

export function render(id: string, data: unknown = sample(id)): Promise<Uint8Array> {
  const template = PDF_TEMPLATES[id];
  if (!template) throw new Error(`no template ${id}`);
  return renderPdf(template, data, { fonts });
}

/** Collapses whitespace so layout differences between PDF producers do not matter. */
export const squash = (s: string): string => s.replace(/\s+/g, '');
