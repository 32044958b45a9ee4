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

/** An A4 page (or an ID-1 card) with a few text-like bars, as JPEG at `dpi`. */
export async function jpegPage(paper: 'a4' | 'id1' = 'a4', dpi = 60, seed = 1): Promise<Buffer> {
  const [w, h] = paper === 'a4' ? [210, 297] : [85.6, 54];
  const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-page-'));
  try {
    const doc = new PDFDocument({ size: [w * MM, h * MM], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => doc.on('end', r));
    doc.rect(0, 0, w * MM, h * MM).fill('#f4f2ec');
    for (let i = 0; i < 10; i++)
      doc.rect(8 * MM, (8 + i * 4) * MM, (w - 16 - ((i + seed) % 4) * 6) * MM, 1.5 * MM).fill('#222');
    doc.end();
    await ended;
    writeFileSync(path.join(dir, 'page.pdf'), Buffer.concat(chunks));
    execFileSync('pdftoppm', [
      '-jpeg',
      '-jpegopt',
      'quality=70',
      '-r',
      String(dpi),
      '-singlefile',
      path.join(dir, 'page.pdf'),
      path.join(dir, 'page'),
    ]);
    return readFileSync(path.join(dir, 'page.jpg'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
