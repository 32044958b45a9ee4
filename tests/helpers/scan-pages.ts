/**
 * Pages as the document camera's capture screen sends them: real JPEGs from a real encoder (a page
 * drawn with pdfkit, rasterised by poppler's pdftoppm), within the per-page budget main/scanning checks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const MM = 72 / 25.4;

/** A `wMm` × `hMm` page with text-like bars (`seed` varies their lengths), as a JPEG at `dpi`. */
export async function jpegOf(wMm: number, hMm: number, dpi: number, seed = 0): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-page-'));
  try {
    const doc = new PDFDocument({ size: [wMm * MM, hMm * MM], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => doc.on('end', r));
    doc.rect(0, 0, wMm * MM, hMm * MM).fill('#f4f2ec');
    for (let i = 0; i < 12; i++)
      doc.rect(10 * MM, (10 + i * 5) * MM, (wMm - 20 - ((i + seed) % 4) * 8) * MM, 2 * MM).fill('#222');
    doc.end();
    await ended;
    const pdf = path.join(dir, 'page.pdf');
    writeFileSync(pdf, Buffer.concat(chunks));
    execFileSync('pdftoppm', [
      '-jpeg',
      '-jpegopt',
      'quality=80',
      '-r',
      String(dpi),
      '-singlefile',
      pdf,
      path.join(dir, 'page'),
    ]);
    return readFileSync(path.join(dir, 'page.jpg'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An A4 sheet or an ID-1 card (ID card, bank card) as the camera takes it. */
export const jpegPage = (paper: 'a4' | 'id1' = 'a4', dpi = 60, seed = 0): Promise<Buffer> =>
  paper === 'a4' ? jpegOf(210, 297, dpi, seed) : jpegOf(85.6, 53.98, dpi, seed);
