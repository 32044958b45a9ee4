import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { PDF_TEMPLATES } from '../../../print-templates/index';
import { MARGIN, mm } from '../../../print-templates/_shared/units';
import { verificationPayload } from '../../../print-templates/_shared/verification';
import { render, sample } from './fixtures';
import { pdfToPngs } from './poppler';

const DPI = 200;
const px = (pt: number) => (pt * DPI) / 72;

/**
 * Reads the verification QR off the printed page: the symbol is drawn at the left margin, 30 mm
 * wide with a 2-module quiet zone (blocks.ts). Scans down the page for the row where its modules
 * line up and returns the module matrix sampled at module centres, or undefined.
 */
function readQr(page: PNG, modules: number): boolean[][] | undefined {
  const cell = px(mm(30)) / (modules + 4);
  const x0 = px(MARGIN.left) + 2 * cell;
  const dark = (x: number, y: number) => page.data[(Math.round(y) * page.width + Math.round(x)) * 4]! < 128;
  const sample = (y0: number) =>
    Array.from({ length: modules }, (_, r) =>
      Array.from({ length: modules }, (_, c) => dark(x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell)),
    );
  // A finder pattern's first row: 7 dark modules followed by a light one.
  const finderRow = (y: number) =>
    Array.from({ length: 7 }, (_, c) => dark(x0 + (c + 0.5) * cell, y)).every(Boolean) &&
    !dark(x0 + 7.5 * cell, y);
  const finder = (m: boolean[][], r0: number, c0: number) =>
    Array.from({ length: 7 }, (_, r) =>
      Array.from({ length: 7 }, (_, c) => {
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        return m[r0 + r]![c0 + c] === (ring !== 2);
      }).every(Boolean),
    ).every(Boolean);
  for (let y = 0; y + modules * cell < page.height; y++) {
    if (!finderRow(y + 0.5 * cell)) continue;
    const m = sample(y);
    if (finder(m, 0, 0) && finder(m, 0, modules - 7) && finder(m, modules - 7, 0)) return m;
  }
  return undefined;
}

describe('verification QR on every A4 template (pdftoppm)', () => {
  // The blank form (样表) is not an issued document: templates.test.ts checks it is the only one.
  it.each(Object.keys(PDF_TEMPLATES).filter((id) => id !== 'blank-form'))(
    '%s prints a QR that encodes the verification page and code',
    async (id) => {
      const data = sample(id) as { verification: { code: string; url: string } };
      const payload = verificationPayload(data.verification);
      expect(payload).toBe(`${data.verification.url}?code=${data.verification.code}`);
      const expected = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
      const pages = pdfToPngs(await render(id), DPI).map((p) => PNG.sync.read(p));
      const found = pages.map((p) => readQr(p, expected.size)).find((m) => m !== undefined);
      expect(found, 'QR symbol not found at the left margin').toBeDefined();
      let wrong = 0;
      for (let r = 0; r < expected.size; r++)
        for (let c = 0; c < expected.size; c++) if (found![r]![c] !== Boolean(expected.get(r, c))) wrong++;
      expect(wrong).toBe(0);
      // The same reader rejects a different payload: the check can fail.
      const other = QRCode.create(`${payload}X`, { errorCorrectionLevel: 'M' }).modules;
      let diff = 0;
      for (let r = 0; r < Math.min(other.size, expected.size); r++)
        for (let c = 0; c < Math.min(other.size, expected.size); c++)
          if (found![r]![c] !== Boolean(other.get(r, c))) diff++;
      expect(diff).toBeGreaterThan(20);
    },
  );
});
