import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { PDF_TEMPLATES } from '../../../print-templates/index';
import { render } from './fixtures';
import { pdfToPngs } from './poppler';

// PDF -> PNG at 40 dpi, compared with the golden pages committed next to each template.
// Regenerate after an intended layout change: UPDATE_SNAPSHOTS=1 npx vitest run tests/integration/a4-printing/visual.test.ts
const ROOT = join(import.meta.dirname, '..', '..', '..');
const DPI = 40;
const CHANNEL_TOLERANCE = 48; // anti-aliasing noise between poppler builds
const MAX_DIFF_RATIO = 0.002; // share of pixels allowed to differ beyond the tolerance
const update = process.env.UPDATE_SNAPSHOTS === '1';

function diffRatio(a: PNG, b: PNG): number {
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(a.data[i + c]! - b.data[i + c]!) > CHANNEL_TOLERANCE) {
        differing++;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}

describe('A4 templates look as approved', () => {
  it.each(Object.keys(PDF_TEMPLATES))('%s matches its golden pages', async (id) => {
    const dir = join(ROOT, 'print-templates', id, '__snapshots__');
    const pages = pdfToPngs(await render(id), DPI);
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      pages.forEach((png, i) => writeFileSync(join(dir, `page-${i + 1}.png`), png));
    }
    if (!existsSync(dir)) throw new Error(`no golden pages for ${id}: run with UPDATE_SNAPSHOTS=1`);
    const goldens = readdirSync(dir)
      .filter((f) => /^page-\d+\.png$/.test(f))
      .sort();
    expect(pages.length, 'page count').toBe(goldens.length);
    pages.forEach((png, i) => {
      const actual = PNG.sync.read(png);
      const golden = PNG.sync.read(readFileSync(join(dir, goldens[i]!)));
      expect([actual.width, actual.height]).toEqual([golden.width, golden.height]);
      expect(diffRatio(actual, golden), `${id} page ${i + 1}`).toBeLessThanOrEqual(MAX_DIFF_RATIO);
    });
  });

  it('notices a changed page (the comparison can fail)', async () => {
    const [page] = pdfToPngs(await render('result-notice'), DPI);
    const png = PNG.sync.read(page!);
    const changed = PNG.sync.read(page!);
    for (let i = 0; i < changed.data.length / 10; i += 4) changed.data[i] = 255 - changed.data[i]!;
    expect(diffRatio(png, png)).toBe(0);
    expect(diffRatio(changed, png)).toBeGreaterThan(MAX_DIFF_RATIO);
  });
});
