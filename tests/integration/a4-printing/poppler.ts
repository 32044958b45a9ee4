import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a poppler-utils tool on PDF bytes (Debian package poppler-utils). */
function withPdf<T>(pdf: Uint8Array, f: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'yz-poppler-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return f(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (bin: string, args: string[]): string => {
  try {
    return execFileSync(bin, args, { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${bin} missing: install poppler-utils`);
    throw err;
  }
};

export const pdfToText = (pdf: Uint8Array, page?: number): string =>
  withPdf(pdf, (file) =>
    run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']),
  );

export const pdfInfo = (pdf: Uint8Array): Record<string, string> =>
  withPdf(pdf, (file) =>
    Object.fromEntries(
      run('pdfinfo', ['-isodates', file])
        .split('\n')
        .flatMap((l) => {
          const m = /^([^:]+):\s*(.*)$/.exec(l);
          return m ? [[m[1]!, m[2]!]] : [];
        }),
    ),
  );

export interface FontRow {
  name: string;
  type: string;
  emb: boolean;
  sub: boolean;
  uni: boolean;
}

export const pdfFonts = (pdf: Uint8Array): FontRow[] =>
  withPdf(pdf, (file) =>
    run('pdffonts', [file])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        const [emb, sub, uni] = cols.slice(-5, -2);
        return {
          name: cols[0]!,
          type: cols.slice(1, -6).join(' '),
          emb: emb === 'yes',
          sub: sub === 'yes',
          uni: uni === 'yes',
        };
      }),
  );

/** PNG bytes of every page at `dpi` (pdftoppm). */
export const pdfToPngs = (pdf: Uint8Array, dpi: number): Buffer[] =>
  withPdf(pdf, (file, dir) => {
    run('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  });
