// kill -9 the host side of printing (its own process: journal, drivers, render worker) while it
// prints certificates on real CUPS (cups-pdf) and receipts on the simulated printer over a socat
// pty; start it again each time, let it ask for the same keys again, and count what came out:
// every certificate exactly once, every receipt once (or once more, marked 重打 REPRINT, when the
// kill cut it off mid-receipt), and nothing the journal had as printed ever printed again.
//   PRINT_CRASH_SEED, PRINT_CRASH_KILLS, PRINT_CRASH_ITEMS reproduce or widen a run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CupsSpooler } from '../../../devices/a4-printer';
import { EscposPrinterSimulator, PROFILES } from '../../../devices/escpos-printer';
import { createPtyPair, SerialTransport, type PtyPair } from '../../../devices/transports';
import { cupsIppExchange } from '../../../devices/transports/cups';
import { createPdfQueue, pdfText, type PdfQueue } from '../../helpers/cups';
import { testGlyphs } from '../../helpers/escpos-font';
import { seededRandom } from '../../helpers/outbox-plan';
import { printPlan } from '../../helpers/printing-plan';

const SEED = Number(process.env.PRINT_CRASH_SEED ?? 20261205);
const KILLS = Number(process.env.PRINT_CRASH_KILLS ?? 5);
const ITEMS = Number(process.env.PRINT_CRASH_ITEMS ?? 12);
const CHILD = path.join(import.meta.dirname, '..', '..', 'helpers', 'printing-host-child.ts');

let dir: string;
let queue: PdfQueue;
let pty: PtyPair;
let wire: SerialTransport;
let sim: EscposPrinterSimulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yz-print-crash-'));
  queue = await createPdfQueue('yz-print-crash');
  pty = await createPtyPair({ link: path.join(dir, 'receipt-printer') });
  wire = new SerialTransport({ path: pty.simulatorPath, baudRate: 115200 });
  await wire.open();
  sim = new EscposPrinterSimulator(wire, { profile: PROFILES.kp628, glyphs: testGlyphs(), baudRate: 115200 });
}, 60_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  sim?.dispose();
  await wire?.close();
  await pty?.close();
  queue?.remove();
  rmSync(dir, { recursive: true, force: true });
});

interface Line {
  event: 'ready' | 'state' | 'done' | 'all';
  key?: string;
  kind?: 'a4' | 'receipt';
  state?: string;
  reason?: string;
  reused?: boolean;
}

/** One life of the host side; `killAt` decides, line by line, when to kill -9 it. */
function run(
  killAt: (line: Line) => boolean,
): Promise<{ lines: Line[]; killed: boolean; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      PRINT_DATA_DIR: path.join(dir, 'data'),
      PRINT_RECEIPT_PORT: path.join(dir, 'receipt-printer'),
      PRINT_QUEUE: queue.name,
      PRINT_SEED: String(SEED),
      PRINT_ITEMS: String(ITEMS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Line[] = [];
  let killed = false;
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', (c: Buffer) => {
    buffer += c.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, nl)) as Line;
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      if (!killed && killAt(line)) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      if (!killed && code !== 0) reject(new Error(`host side exited ${code}: ${stderr}`));
      else resolve({ lines, killed, code });
    }),
  );
}

it(`prints every certificate once and no receipt twice across ${KILLS} kill -9 (seed ${SEED})`, async () => {
  const plan = printPlan(SEED, ITEMS);
  const random = seededRandom(SEED + 1);
  const printedBeforeAKill = new Set<string>();
  let kills = 0;
  for (let life = 0; life < KILLS + 3; life++) {
    // Kill on the n-th state change into `printing` of this life, or right after a receipt is printed.
    let target = kills < KILLS ? 1 + Math.floor(random() * 3) : Number.POSITIVE_INFINITY;
    const { lines, killed } = await run((l) => {
      if (l.event !== 'state') return false;
      if (l.state === 'printing' || (l.kind === 'receipt' && l.state === 'printed')) target--;
      return target <= 0;
    });
    if (killed) {
      kills++;
      for (const l of lines)
        if (l.kind === 'receipt' && (l.state === 'printed' || l.state === 'taken'))
          printedBeforeAKill.add(l.key!);
      continue;
    }
    expect(lines.at(-1)?.event).toBe('all');
    for (const l of lines.filter((x) => x.event === 'done'))
      expect(['completed', 'taken', 'printed'], `${l.key}`).toContain(l.state);
    break;
  }
  expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 3));

  // What CUPS printed: one completed job per certificate key, and its PDF is that certificate.
  const spooler = new CupsSpooler(cupsIppExchange(), userInfo().username);
  const jobs = await spooler.jobs(queue.name);
  for (const item of plan.filter((p) => p.kind === 'a4')) {
    const mine = jobs.filter((j) => j.name.endsWith(`[${item.key}]`));
    expect(
      mine.map((j) => j.state),
      item.key,
    ).toEqual(['completed']);
    const file = await queue.waitForOutput(Number(/-(\d+)$/.exec(mine[0]!.jobId)![1]));
    expect(pdfText(file).replace(/\s+/g, '')).toContain(item.mark);
    rmSync(file);
  }
  expect(jobs.filter((j) => plan.every((p) => !j.name.endsWith(`[${p.key}]`)))).toEqual([]);

  // What the receipt printer printed, per key, read off the simulator's transcripts.
  for (const item of plan.filter((p) => p.kind === 'receipt')) {
    const slips = sim.receipts.filter((r) => r.transcript.includes(item.mark));
    const plain = slips.filter((r) => !r.transcript.includes('重打 REPRINT'));
    expect(slips.length, item.key).toBeGreaterThanOrEqual(1);
    expect(plain.length, item.key).toBeLessThanOrEqual(1);
    expect(slips.length, item.key).toBeLessThanOrEqual(2);
    if (printedBeforeAKill.has(item.key))
      expect(slips.length, `${item.key} was printed before a kill`).toBe(1);
  }
  console.log(
    `printing crash: ${kills} kills, ${jobs.length} CUPS jobs for ${plan.filter((p) => p.kind === 'a4').length} certificates, ` +
      `${sim.receipts.length} slips (${sim.receipts.filter((r) => r.transcript.includes('重打')).length} reprints) for ` +
      `${plan.filter((p) => p.kind === 'receipt').length} receipts`,
  );
}, 600_000);
