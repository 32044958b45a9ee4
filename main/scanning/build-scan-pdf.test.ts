import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jpegOf } from '../../tests/helpers/scan-pages';
import { buildScanPdf } from './build-scan-pdf';
import { readJpegInfo } from './jpeg-info';
import { ScanError } from './scan-error';

let dir: string;
let a4Portrait: Uint8Array;
let a4Landscape: Uint8Array;
let card: Uint8Array;

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });

function pdfImages(
  pdf: string,
): { page: number; width: number; height: number; enc: string; xppi: number }[] {
  // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
  return run('pdfimages', ['-list', pdf])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((f) => ({ page: +f[0]!, width: +f[3]!, height: +f[4]!, enc: f[8]!, xppi: +f[12]! }));
}

function pageSizes(pdf: string): string[] {
  return run('pdfinfo', ['-f', '1', '-l', '99', pdf])
    .split('\n')
    .filter((l) => /^Page\s+\d+ size:/.test(l))
    .map((l) => l.replace(/^Page\s+\d+ size:\s+/, '').trim());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yizhan-scan-pdf-'));
  // Real JPEGs from a real encoder: pages drawn with pdfkit, rasterised by poppler's pdftoppm.
  a4Portrait = await jpegOf(210, 297, 100);
  a4Landscape = await jpegOf(297, 210, 100);
  card = await jpegOf(85.6, 53.98, 300);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readJpegInfo', () => {
  test('reads the frame size from the SOF segment', () => {
    expect(readJpegInfo(a4Portrait)).toEqual({ width: 827, height: 1170, components: 3 });
    expect(readJpegInfo(card)).toMatchObject({ width: 1012, height: 638 });
  });

  test('rejects non-JPEG and truncated data', () => {
    expect(readJpegInfo(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(readJpegInfo(a4Portrait.subarray(0, 30))).toBeNull();
  });
});

describe('buildScanPdf', () => {
  test('one page per image: A4 in its orientation, the card centred on A4 at true size', async () => {
    const pdf = await buildScanPdf({
      pages: [
        { paper: 'a4', jpeg: a4Portrait, width: 827, height: 1170 },
        { paper: 'a4', jpeg: a4Landscape },
        { paper: 'id1', jpeg: card },
      ],
      title: '营业执照 Business licence',
    });
    const file = join(dir, 'out.pdf');
    writeFileSync(file, pdf);
    expect(run('pdfinfo', [file])).toMatch(/^Pages:\s+3$/m);
    expect(run('pdfinfo', [file])).toMatch(/^Title:\s+营业执照 Business licence$/m);
    expect(pageSizes(file)).toEqual([
      '595.276 x 841.89 pts (A4)',
      '841.89 x 595.276 pts (A4)',
      '595.276 x 841.89 pts (A4)',
    ]);
    const images = pdfImages(file);
    expect(images.map((i) => [i.page, i.width, i.height, i.enc])).toEqual([
      [1, 827, 1170, 'jpeg'],
      [2, 1170, 827, 'jpeg'],
      [3, 1012, 638, 'jpeg'],
    ]);
    // Placed at physical size: 827 px over 210 mm is 100 ppi; the card's 1012 px over 85.6 mm is 300 ppi.
    expect(images[0]!.xppi).toBe(100);
    expect(images[2]!.xppi).toBe(300);
    // Embedded as-is (DCTDecode pass-through), not re-encoded.
    expect(pdf.includes(Buffer.from(card))).toBe(true);
  });

  test('refuses a page set over the byte budget with a clear error', async () => {
    const err = await buildScanPdf(
      { pages: [{ paper: 'a4', jpeg: a4Portrait }] },
      { maxBytes: 10_000 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    const e = err as ScanError;
    expect(e.detail).toBe('pdfTooLarge');
    expect(e.failure).toMatchObject({ code: 'invalidArgument', detail: 'pdfTooLarge' });
    expect(e.message).toContain('10000-byte budget');
  });

  test('refuses a page over its per-page budget, by paper kind', async () => {
    const err = await buildScanPdf(
      {
        pages: [
          { paper: 'a4', jpeg: a4Portrait },
          { paper: 'id1', jpeg: card },
        ],
      },
      { pageBudget: { a4: a4Portrait.length, id1: card.length - 1 } },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect(err).toMatchObject({
      detail: 'pageTooLarge',
      figures: { pageIndex: 1, bytes: card.length, budget: card.length - 1 },
      failure: { code: 'invalidArgument', detail: 'pageTooLarge' },
    });
    // the default budgets (300 KB A4, 80 KB ID card) accept what the capture screen produces
    await expect(
      buildScanPdf({
        pages: [
          { paper: 'a4', jpeg: a4Portrait },
          { paper: 'id1', jpeg: card },
        ],
      }),
    ).resolves.toBeInstanceOf(Buffer);
  });

  test('counts the PDF overhead against the budget, not just the images', async () => {
    const budget = a4Portrait.length + 100; // images fit, the assembled PDF does not
    const err = await buildScanPdf(
      { pages: [{ paper: 'a4', jpeg: a4Portrait }] },
      { maxBytes: budget },
    ).catch((e: unknown) => e);
    expect((err as ScanError).detail).toBe('pdfTooLarge');
    expect((err as ScanError).figures.bytes).toBeGreaterThan(budget);
  });

  test('validates the request', async () => {
    const detail = (input: unknown) =>
      buildScanPdf(input).then(
        () => 'built',
        (e: unknown) => (e instanceof ScanError ? e.detail : String(e)),
      );
    expect(await detail({ pages: [] })).toBe('invalidRequest');
    expect(await detail({ pages: [{ paper: 'a5', jpeg: card }] })).toBe('invalidRequest');
    expect(await detail({ pages: [{ paper: 'a4', jpeg: 'not bytes' }] })).toBe('invalidRequest');
    expect(await detail({ pages: [{ paper: 'a4', jpeg: new Uint8Array([1, 2, 3, 4, 5]) }] })).toBe('notJpeg');
    expect(await detail({ pages: [{ paper: 'id1', jpeg: card, width: 1000, height: 638 }] })).toBe(
      'pageSizeMismatch',
    );
  });
});
