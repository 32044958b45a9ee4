import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { templateWording } from '../../../print-templates/fonts/wording';
import {
  DEFAULT_FONT_CATALOG,
  FONT,
  FontRegistry,
  PDF_TEMPLATES,
  renderPdf,
  SUBSET_FONT_CATALOG,
  type PdfTemplate,
} from '../../../print-templates/index';
import { definePdfTemplate } from '../../../print-templates/_shared/define';
import { sample } from './fixtures';
import { pdfFonts, pdfToPngs, pdfToText } from './poppler';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const load = (p: string) => (existsSync(p) ? readFileSync(p) : undefined);
const tiered = new FontRegistry(load);
const fullOnly = new FontRegistry(load, DEFAULT_FONT_CATALOG, null);
const RARE = '䶮堃喆燊𠮷';

/** Share of pixels whose grey level differs by more than `tolerance` (0..255). */
function diffRatio(a: Buffer, b: Buffer, tolerance = 24): number {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  expect([x.width, x.height]).toEqual([y.width, y.height]);
  let n = 0;
  for (let i = 0; i < x.data.length; i += 4) if (Math.abs(x.data[i]! - y.data[i]!) > tolerance) n++;
  return n / (x.width * x.height);
}

describe('shipped font subset', () => {
  it('matches its manifest (no truncated or LFS-pointer files)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'print-templates/fonts/manifest.json'), 'utf8')) as {
      fonts: Record<string, { file: string; sha256: string; postscriptName: string }>;
    };
    for (const weight of ['regular', 'bold'] as const) {
      const entry = manifest.fonts[weight]!;
      const file = SUBSET_FONT_CATALOG[weight][0]!.file;
      expect(file.endsWith(entry.file)).toBe(true);
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(entry.sha256);
      expect(tiered.parsed(weight, 'subset')?.postscriptName).toBe(entry.postscriptName);
    }
  });

  it('covers every character of the templates’ wording (rerun fonts/build-subset.ts after editing it)', () => {
    const missing: string[] = [];
    for (const { file, texts } of templateWording())
      for (const text of texts)
        for (const ch of text)
          for (const weight of ['regular', 'bold'] as const)
            if (/\S/u.test(ch) && !tiered.parsed(weight, 'subset')!.hasGlyphForCodePoint(ch.codePointAt(0)!))
              missing.push(`${file}: ${ch} (${weight})`);
    expect(missing).toEqual([]);
  });

  it('chooses the subset for common text and the full collection for a 生僻字', () => {
    expect(tiered.tierFor(['张晓明', '朝阳区政务服务中心 社保窗口', '2026-11-23'])).toBe('subset');
    for (const ch of RARE) expect(tiered.tierFor([`王${ch}`])).toBe('full');
    expect(fullOnly.tierFor(['张晓明'])).toBe('full');
  });
});

describe('documents drawn with the subset', () => {
  const id = 'acceptance-receipt';

  it('look the same as with the full font, embed a subset font and read back the same text', async () => {
    const fast = await renderPdf(PDF_TEMPLATES[id]!, sample(id), { fonts: tiered });
    const slow = await renderPdf(PDF_TEMPLATES[id]!, sample(id), { fonts: fullOnly });
    expect(Buffer.from(fast).equals(Buffer.from(slow))).toBe(false); // different font programs
    expect(fast.length).toBeLessThan(slow.length);
    for (const pdf of [fast, slow]) {
      const rows = pdfFonts(pdf);
      expect(rows.map((r) => r.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
        'NotoSansCJKsc-Bold',
        'NotoSansCJKsc-Regular',
      ]);
      for (const r of rows) expect(r).toMatchObject({ type: 'CID Type 0C', emb: true, sub: true, uni: true });
    }
    expect(pdfToText(fast)).toBe(pdfToText(slow));
    const [a] = pdfToPngs(fast, 100);
    const [b] = pdfToPngs(slow, 100);
    expect(diffRatio(a!, b!)).toBeLessThan(0.0005);
  });

  it('are deterministic', async () => {
    const one = await renderPdf(PDF_TEMPLATES[id]!, sample(id), { fonts: tiered });
    const two = await renderPdf(PDF_TEMPLATES[id]!, sample(id), { fonts: new FontRegistry(load) });
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
  });

  it('fall back to the full collection when fixed wording has a character the subset lacks', async () => {
    // A template whose own text (not its data) has 燊: only the post-draw check can catch it.
    const odd = definePdfTemplate({
      ...(PDF_TEMPLATES[id] as PdfTemplate),
      draw(doc) {
        doc.font(FONT.regular).fontSize(20).text('张燊 收', 60, 60);
      },
    });
    expect(tiered.tierFor(['张晓明'])).toBe('subset');
    const pdf = await renderPdf(odd, sample(id), { fonts: tiered });
    // pdfkit maps .notdef to U+0000; the real glyph carries its Unicode value.
    expect(pdfToText(pdf)).toContain('张燊 收');
  });
});

describe('documents with a 生僻字', () => {
  it('draw the name with the full regular face, bold stays on the subset, and look as with full fonts only', async () => {
    const id = 'social-insurance-certificate'; // the sample holder is 王䶮堃
    expect(tiered.planFor(['王䶮堃'])).toEqual({ regular: 'full', bold: 'subset' });
    const mixed = await renderPdf(PDF_TEMPLATES[id]!, sample(id), { fonts: tiered });
    const full = await renderPdf(PDF_TEMPLATES[id]!, sample(id), { fonts: fullOnly });
    expect(mixed.length).toBeLessThan(full.length);
    expect(pdfToText(mixed)).toBe(pdfToText(full));
    const [a, b] = [pdfToPngs(mixed, 100), pdfToPngs(full, 100)];
    expect(a.length).toBe(b.length);
    a.forEach((page, i) => expect(diffRatio(page, b[i]!)).toBeLessThan(0.0005));
  });

  it('move bold to the full face when bold text has one (the service name in a form title)', async () => {
    const id = 'application-form';
    const base = sample(id) as { service: Record<string, string> };
    const data = { ...base, service: { ...base.service, name: '燊堃企业设立登记' } };
    const text = pdfToText(await renderPdf(PDF_TEMPLATES[id]!, data, { fonts: tiered }));
    expect(text).toContain('燊堃企业设立登记申请表');
  });
});

describe('rare name characters on paper (pdftoppm)', () => {
  /** One 40 pt character per 60 pt cell in a row, drawn with the registry's tier for it. */
  async function cells(chars: string[]): Promise<PNG> {
    const doc = new PDFDocument({ size: [60 * chars.length, 60], margin: 0 });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((r) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => r(Buffer.concat(chunks)));
    });
    tiered.open(doc, tiered.tierFor(chars)).finish();
    chars.forEach((ch, i) =>
      doc
        .font(FONT.regular)
        .fontSize(40)
        .text(ch, i * 60 + 10, 6, { lineBreak: false }),
    );
    doc.end();
    return PNG.sync.read(pdfToPngs(new Uint8Array(await done), 72)[0]!);
  }

  const cell = (png: PNG, i: number): number[] => {
    const out: number[] = [];
    for (let y = 0; y < 60; y++)
      for (let x = i * 60; x < i * 60 + 60; x++) out.push(png.data[(y * png.width + x) * 4]! < 128 ? 1 : 0);
    return out;
  };

  it('draws 䶮 堃 喆 燊 𠮷 as distinct glyphs, not as the empty box of a missing character', async () => {
    const chars = [...RARE, '\uE000']; // U+E000 (private use) has no glyph: the box to compare with
    const png = await cells(chars);
    const box = cell(png, chars.length - 1);
    expect(box.reduce((a, b) => a + b, 0)).toBeGreaterThan(20); // Noto's .notdef is a visible box
    const glyphs = [...RARE].map((_, i) => cell(png, i));
    const differ = (a: number[], b: number[]) => a.filter((v, k) => v !== b[k]).length;
    for (const [i, g] of glyphs.entries()) {
      expect(
        g.reduce((a, b) => a + b, 0),
        [...RARE][i],
      ).toBeGreaterThan(60);
      expect(differ(g, box), [...RARE][i]).toBeGreaterThan(60);
      for (const other of glyphs.slice(i + 1)) expect(differ(g, other)).toBeGreaterThan(40);
    }
  });

  it('prints a 生僻字 name in the acceptance receipt, not as boxes', async () => {
    const id = 'acceptance-receipt';
    const base = sample(id) as { applicant: { idNumber: string } };
    const rare = await renderPdf(
      PDF_TEMPLATES[id]!,
      { ...base, applicant: { ...base.applicant, name: `李${RARE}` } },
      { fonts: tiered },
    );
    const boxes = await renderPdf(
      PDF_TEMPLATES[id]!,
      { ...base, applicant: { ...base.applicant, name: `李${'\uE000'.repeat([...RARE].length)}` } },
      { fonts: tiered },
    );
    expect(pdfToText(rare)).toContain(`李${RARE}`);
    // Same layout (a glyph and the box are both 1 em wide): only the name cell differs, and clearly.
    const changed = diffRatio(pdfToPngs(rare, 100)[0]!, pdfToPngs(boxes, 100)[0]!);
    expect(changed).toBeGreaterThan(0.0003);
    expect(changed).toBeLessThan(0.01);
  });
});
