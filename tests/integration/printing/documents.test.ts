import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { A4PrinterDriver, SimulatedSpooler } from '../../../devices/a4-printer';
import { MemoryLogger } from '../../../devices/core';
import {
  A4Renderer,
  Printing,
  a4PrinterFrom,
  PrintJournalStore,
  PrintKeyConflict,
  RenderError,
} from '../../../main/printing';
import { ManualClock } from '../../helpers/manual-clock';
import { pdfToText } from '../a4-printing/poppler';

// main/printing with the real A4 driver over the in-memory spooler (real CUPS: crash.test.ts), the
// real render worker, the journal in SQLite, and hold times on a manual clock.
const ROOT = path.join(import.meta.dirname, '..', '..', '..');
const sample = (id: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'print-templates', id, 'sample.json'), 'utf8')) as Record<
    string,
    unknown
  >;
const CERT = 'social-insurance-certificate';

let renderer: A4Renderer;
let dir: string;
let spooler: SimulatedSpooler;
let clock: ManualClock;
let log: MemoryLogger;
let journals: PrintJournalStore[] = [];
let stopAdvance: (() => void) | undefined;

beforeAll(async () => {
  renderer = new A4Renderer({ log: new MemoryLogger() });
  await renderer.start();
}, 60_000);
afterAll(() => renderer.close());

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'yz-printing-a4-'));
  spooler = new SimulatedSpooler('SimA4');
  clock = new ManualClock();
  log = new MemoryLogger();
});
afterEach(() => {
  stopAdvance?.();
  stopAdvance = undefined;
  for (const j of journals.splice(0)) j.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A host side on the shared renderer: a journal on `dir`, the A4 driver on the simulated spooler. */
function host() {
  const journal = new PrintJournalStore({ dataDir: dir, openDatabase: (f) => new Database(f) });
  journals.push(journal);
  const driver = new A4PrinterDriver(
    spooler,
    { deviceId: 'a4-printer-1', queue: 'SimA4', pollMs: 5, jobTimeoutMs: 60_000 },
    log,
  );
  const printing = new Printing({
    journal,
    a4Printer: a4PrinterFrom(driver),
    renderer,
    clock,
    log,
    holdTimeoutMs: 180_000,
    pollMs: 1000,
  });
  return { printing, driver, journal };
}

describe('main/printing: A4 documents', () => {
  it('renders in the worker and prints: completed, one spooler job named by the template and the key', async () => {
    stopAdvance = spooler.autoAdvance(5);
    const { printing } = host();
    const h = printing.printDocument(CERT, sample(CERT), 'session-1.certificate');
    expect(h.status().state).toBe('rendering');
    expect(await h.done()).toMatchObject({
      state: 'completed',
      jobId: 'SimA4-1',
      reused: false,
      final: true,
    });
    expect(spooler.submitted.map((j) => [j.name, j.state])).toEqual([
      ['参保证明 [session-1.certificate]', 'completed'],
    ]);
  });

  it('never prints a key twice: the same handle here, the journal after a restart', async () => {
    stopAdvance = spooler.autoAdvance(5);
    const first = host();
    const h = first.printing.printDocument(CERT, sample(CERT), 'session-2.certificate');
    await h.done();
    expect(first.printing.printDocument(CERT, sample(CERT), 'session-2.certificate')).toBe(h);
    first.journal.close();
    journals = journals.filter((j) => j !== first.journal);
    const second = host();
    const again = second.printing.printDocument(CERT, sample(CERT), 'session-2.certificate');
    expect(again.status()).toMatchObject({ state: 'completed', reused: true, jobId: 'SimA4-1' });
    expect(spooler.submitted).toHaveLength(1);
  });

  it('paper out before printing: held, nothing submitted; printed once when paper returns', async () => {
    stopAdvance = spooler.autoAdvance(5);
    spooler.faults.paperOut = true;
    const { printing } = host();
    const h = printing.printDocument(CERT, sample(CERT), 'session-3.certificate');
    expect(await h.until(['held'])).toMatchObject({
      state: 'held',
      reason: 'paperOut',
      giveUpAt: clock.now() + 180_000,
    });
    expect(spooler.submitted).toHaveLength(0);
    spooler.faults.paperOut = false;
    await clock.sleeping();
    clock.advance(1000);
    expect((await h.done()).state).toBe('completed');
    expect(spooler.submitted.map((j) => j.state)).toEqual(['completed']);
  });

  it('paper out while the job is in the spooler: held with it, and the same job completes when paper returns', async () => {
    const { printing } = host();
    const h = printing.printDocument(CERT, sample(CERT), 'session-4.certificate');
    await h.until(['printing']);
    await waitFor(() => spooler.submitted.length === 1);
    spooler.faults.paperOut = true;
    await clock.sleeping();
    clock.advance(1000); // the module's status poll sees the printer stop
    expect(await h.until(['held'])).toMatchObject({ reason: 'paperOut', jobId: 'SimA4-1' });
    spooler.faults.paperOut = false;
    stopAdvance = spooler.autoAdvance(5);
    expect(await h.done()).toMatchObject({ state: 'completed', jobId: 'SimA4-1' });
    expect(spooler.submitted).toHaveLength(1);
  });

  it('gives a held job up after the hold time: failed paperOut, the spooler job canceled', async () => {
    const { printing } = host();
    const h = printing.printDocument(CERT, sample(CERT), 'session-5.certificate');
    await waitFor(() => spooler.submitted.length === 1);
    spooler.faults.paperOut = true;
    await clock.sleeping();
    clock.advance(1000);
    await h.until(['held']);
    clock.advance(180_000);
    expect(await h.done()).toMatchObject({ state: 'failed', reason: 'paperOut', final: true });
    expect(spooler.submitted.map((j) => j.state)).toEqual(['canceled']);
    spooler.faults.paperOut = false;
    spooler.tick();
    spooler.tick();
    expect(spooler.submitted.map((j) => j.state)).toEqual(['canceled']); // nothing comes out later
  });

  it('cancel() drops a held job; the key may be printed again later', async () => {
    spooler.faults.paperOut = true;
    const { printing } = host();
    const h = printing.printDocument(CERT, sample(CERT), 'session-6.certificate');
    await h.until(['held']);
    h.cancel();
    expect((await h.done()).state).toBe('canceled');
    spooler.faults.paperOut = false;
    stopAdvance = spooler.autoAdvance(5);
    const retry = printing.printDocument(CERT, sample(CERT), 'session-6.certificate');
    expect(retry).not.toBe(h);
    expect((await retry.done()).state).toBe('completed');
    expect(spooler.submitted).toHaveLength(1);
  });

  it('refuses data its template refuses: failed invalidDocument, field paths logged, no values', async () => {
    const { printing } = host();
    const bad = { ...sample(CERT), insured: { name: '王芳', idNumber: '110105199001011233' } };
    const h = printing.printDocument(CERT, bad, 'session-7.certificate');
    expect(await h.done()).toMatchObject({ state: 'failed', reason: 'invalidDocument' });
    const line = log.lines.find((l) => l.event === 'printing.renderRefused')!;
    expect(line.fields).toMatchObject({ code: 'invalidData', fields: ['insured.idNumber'] });
    expect(JSON.stringify(log.lines)).not.toContain('110105199001011233');
    expect(spooler.submitted).toHaveLength(0);
  });

  it('prints a PDF made elsewhere (复印) under its key, and keeps keys to one kind of job', async () => {
    stopAdvance = spooler.autoAdvance(5);
    const { printing } = host();
    const pdf = await renderer.render('blank-form', sample('blank-form'));
    const h = printing.printPdf(pdf, { title: '复印件' }, 'session-8.copy');
    expect((await h.done()).state).toBe('completed');
    expect(spooler.submitted[0]!.name).toBe('复印件 [session-8.copy]');
    const ticket = sample('queue-ticket');
    expect(() => printing.printSlip('queue-ticket', ticket, 'session-8.copy')).toThrow();
    const journal = journals[0]!;
    expect(() => journal.receipts.get('session-8.copy')).toThrow(PrintKeyConflict);
  });
});

describe('the render worker', () => {
  it('renders with the site’s zone', async () => {
    const pdf = await renderer.render('result-notice', sample('result-notice'), { timeZone: 'Asia/Urumqi' });
    expect(pdfToText(pdf).replace(/\s+/g, '')).toContain('办结时间2026年11月23日14:40'); // 16:40 in Beijing is 14:40 in Urumqi
  });

  it('reports a crash, restarts, draws the document again once, and fails one that crashes it twice', async () => {
    const crashLog = new MemoryLogger();
    const crashing = new A4Renderer({
      log: crashLog,
      workerUrl: new URL('../../helpers/crashing-render-worker.ts', import.meta.url),
    });
    const crashes: number[] = [];
    crashing.events.on('crashed', (c) => crashes.push(c.exitCode ?? -1));
    try {
      await crashing.start();
      const marker = path.join(dir, 'crashed-once');
      const once = await crashing.render('blank-form', { ...sample('blank-form'), crash: 'once', marker });
      expect(pdfToText(once)).toContain('灵活就业人员参保登记申请表');
      expect(crashes).toEqual([70]);
      await expect(
        crashing.render('blank-form', { ...sample('blank-form'), crash: 'always' }),
      ).rejects.toMatchObject({ name: 'RenderError', code: 'renderFailed' });
      expect(crashes).toEqual([70, 70, 70]);
      // The next worker is up and renders.
      const after = await crashing.render('queue-ticket-is-not-a4', {}).catch((e: unknown) => e);
      expect(after).toBeInstanceOf(RenderError);
      expect((after as RenderError).code).toBe('unknownTemplate');
      expect(crashLog.lines.filter((l) => l.event === 'printing.rendererCrashed')).toHaveLength(3);
      expect(crashLog.lines.some((l) => l.event === 'printing.renderGivenUp')).toBe(true);
    } finally {
      await crashing.close();
    }
  });
});

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
}
