/**
 * Real CUPS for A4 printing tests: starts the system cupsd when it is not running (cupsd daemonises
 * itself; no systemd), creates a uniquely named cups-pdf queue and removes it afterwards. cups-pdf is
 * the "printer": the PDF it writes is what came out of the spooler.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

const SOCKET = '/run/cups/cups.sock';
const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';

function requireBinary(bin: string, pkg: string): void {
  const found = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((d) => existsSync(join(d, bin)));
  if (!found)
    throw new Error(`${bin} not found: install the Debian package ${pkg} (scripts/setup-system.sh)`);
}

function run(bin: string, args: string[]): string {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 15_000 });
  if (r.status !== 0)
    throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

const cupsdRunning = (): boolean => spawnSync('pgrep', ['-x', 'cupsd']).status === 0;

/** Starts cupsd once per machine and waits until its socket answers. Idempotent. */
export async function ensureCupsd(): Promise<void> {
  requireBinary('cupsd', 'cups');
  requireBinary('lpadmin', 'cups-client');
  if (!existsSync('/usr/lib/cups/backend/cups-pdf')) {
    throw new Error('the cups-pdf backend is missing: install the Debian package printer-driver-cups-pdf');
  }
  if (!cupsdRunning()) run('cupsd', []);
  for (let i = 0; i < 100; i++) {
    if (existsSync(SOCKET) && spawnSync('lpstat', ['-r']).stdout?.toString().includes('is running')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('cupsd did not come up (no scheduler answer on /run/cups/cups.sock)');
}

/** Where cups-pdf writes for the current user: the `Out` setting of /etc/cups/cups-pdf.conf (default ~/PDF). */
export function cupsPdfOutputDir(): string {
  const conf = existsSync('/etc/cups/cups-pdf.conf') ? readFileSync('/etc/cups/cups-pdf.conf', 'utf8') : '';
  const out = /^\s*Out\s+(.+?)\s*$/m.exec(conf)?.[1] ?? '${HOME}/PDF';
  return out.replace('${HOME}', homedir()).replace('${USER}', userInfo().username);
}

export interface PdfQueue {
  name: string;
  outputDir: string;
  /** cupsdisable: jobs queue up but are not sent to the printer. */
  disable(): void;
  enable(): void;
  /** Waits for the file cups-pdf wrote for job number `n` (named …-job_<n>.pdf). */
  waitForOutput(jobNumber: number, timeoutMs?: number): Promise<string>;
  remove(): void;
}

/**
 * A cups-pdf queue with a unique name. Its PostScript step uses pdftocairo, which keeps the embedded
 * CJK fonts as text; the default renderer turns them into outlines and pdftotext would read nothing.
 */
export async function createPdfQueue(prefix = 'yz-a4'): Promise<PdfQueue> {
  await ensureCupsd();
  const name = `${prefix}-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  run('lpadmin', [
    '-p',
    name,
    '-v',
    'cups-pdf:/',
    '-E',
    '-m',
    PPD,
    '-o',
    'pdftops-renderer-default=pdftocairo',
  ]);
  const outputDir = cupsPdfOutputDir();
  return {
    name,
    outputDir,
    disable: () => void run('cupsdisable', [name]),
    enable: () => void run('cupsenable', [name]),
    async waitForOutput(jobNumber, timeoutMs = 15_000) {
      const suffix = `-job_${jobNumber}.pdf`;
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const hit = existsSync(outputDir)
          ? readdirSync(outputDir).find((f) => f.endsWith(suffix))
          : undefined;
        if (hit) return join(outputDir, hit);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`cups-pdf wrote no file ending ${suffix} in ${outputDir}`);
    },
    remove: () => {
      spawnSync('cancel', ['-a', name]);
      spawnSync('lpadmin', ['-x', name]);
    },
  };
}

/** Text of a PDF via poppler's pdftotext (Debian poppler-utils). */
export function pdfText(file: string): string {
  requireBinary('pdftotext', 'poppler-utils');
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
