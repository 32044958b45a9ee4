import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { EscposPrinterDriver, EscposPrinterSimulator, PROFILES } from '../../../devices/escpos-printer';
import { memoryPair, type MemoryEnd } from '../../../devices/transports';
import {
  InvalidPrintKey,
  Printing,
  PrintJournalStore,
  receiptPrinterFrom,
  type PrintHandle,
} from '../../../main/printing';
import { testGlyphs } from '../../helpers/escpos-font';
import { ManualClock } from '../../helpers/manual-clock';

// main/printing with the real receipt driver and the simulated KP628 (presenter sensor) over a memory
// link; the print journal in a real SQLite file; time for holds and the presenter from a manual clock.
const ROOT = path.join(import.meta.dirname, '..', '..', '..');
const slip = JSON.parse(
  readFileSync(path.join(ROOT, 'print-templates/filing-receipt/sample.json'), 'utf8'),
) as Record<string, unknown>;
const profile = PROFILES.kp628;

let dir: string;
let ends: MemoryEnd[];
let sim: EscposPrinterSimulator;
let clock: ManualClock;
let log: MemoryLogger;
const opened: { printing: Printing; driver: EscposPrinterDriver; journal: PrintJournalStore }[] = [];

/** A host side: journal, driver and printing module, as the device host would build them. */
function host() {
  const journal = new PrintJournalStore({ dataDir: dir, openDatabase: (f) => new Database(f) });
  const driver = new EscposPrinterDriver(ends[0]!, {
    deviceId: 'receipt-printer-1',
    profile,
    glyphs: testGlyphs(),
    baudRate: 115200,
    statusPollMs: 0,
    takePollMs: 20,
    takeTimeoutMs: 120_000,
    journal: journal.receipts,
  });
  const printing = new Printing({
    journal,
    receiptPrinter: receiptPrinterFrom(driver, profile),
    clock,
    log,
    holdTimeoutMs: 180_000,
    takeTimeoutMs: 60_000,
    pollMs: 1000,
  });
  opened.push({ printing, driver, journal });
  return { printing, driver, journal };
}

async function stopHost(h: { printing: Printing; driver: EscposPrinterDriver; journal: PrintJournalStore }) {
  await h.printing.close();
  await h.driver.stop();
  h.journal.close();
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yz-printing-receipts-'));
  const [a, b] = memoryPair('receipt-printer');
  ends = [a, b];
  await a.open();
  await b.open();
  sim = new EscposPrinterSimulator(b, { profile, glyphs: testGlyphs(), baudRate: 0 });
  clock = new ManualClock();
  log = new MemoryLogger();
});

afterEach(async () => {
  for (const h of opened.splice(0)) await stopHost(h);
  sim.dispose();
  for (const e of ends) await e.close();
  rmSync(dir, { recursive: true, force: true });
});

const states = (h: PrintHandle) => {
  const seen: string[] = [h.status().state];
  h.onChange((s) => seen.at(-1) !== s.state && seen.push(s.state));
  return seen;
};

describe('main/printing: receipts', () => {
  it('prints a slip and follows it to printed, then taken when the citizen takes it', async () => {
    const { printing } = host();
    sim.setFaults({ notTaken: true });
    const h = printing.printSlip('filing-receipt', slip, 'session-1.filing-receipt');
    const seen = states(h);
    await h.until(['printed']);
    expect(sim.receipts).toHaveLength(1);
    expect(sim.receipts[0]!.transcript).toContain('YZ20261205-000123K');
    expect(sim.receipts[0]!.transcript).toContain('2026年12月5日 16:00'); // Beijing time, not UTC
    expect(h.status()).toMatchObject({ state: 'printed', final: false });
    sim.takeReceipt();
    expect(await h.done()).toMatchObject({ state: 'taken', final: true, reused: false });
    expect(seen).toEqual(expect.arrayContaining(['printing', 'printed', 'taken']));
  });

  it('reports notTaken when the receipt stays in the presenter past the take time', async () => {
    const { printing } = host();
    sim.setFaults({ notTaken: true });
    const h = printing.printSlip('queue-ticket', queueTicket(), 'session-2.queue');
    await h.until(['printed']);
    await clock.sleeping();
    clock.advance(60_000);
    expect(await h.done()).toMatchObject({ state: 'notTaken', final: true });
    expect(log.lines.some((l) => l.event === 'printing.receiptNotTaken')).toBe(true);
  });

  it('never prints a key twice: the same handle in this process, the journal after a restart', async () => {
    const first = host();
    const h = first.printing.printSlip('filing-receipt', slip, 'session-3.filing-receipt');
    expect((await h.done()).state).toBe('taken');
    expect(first.printing.printSlip('filing-receipt', slip, 'session-3.filing-receipt')).toBe(h);
    await stopHost(opened.pop()!);
    // A new process on the same data directory: the journal says it was taken.
    const second = host();
    const again = second.printing.printSlip('filing-receipt', slip, 'session-3.filing-receipt');
    expect(await again.done()).toMatchObject({ state: 'taken', reused: true, final: true });
    await second.driver.refreshStatus();
    expect(sim.receipts).toHaveLength(1);
  });

  it('paper out: held before anything is sent, then printed once when paper returns', async () => {
    const { printing } = host();
    sim.setFaults({ paperOut: true });
    const h = printing.printSlip('queue-ticket', queueTicket(), 'session-4.queue');
    expect(await h.until(['held'])).toMatchObject({ state: 'held', reason: 'paperOut' });
    expect(h.status().giveUpAt).toBe(clock.now() + 180_000);
    await clock.sleeping();
    clock.advance(1000); // still out: stays held
    await clock.sleeping();
    expect(h.status().state).toBe('held');
    sim.setFaults({ paperOut: false });
    clock.advance(1000);
    expect((await h.done()).state).toBe('taken');
    expect(sim.receipts).toHaveLength(1);
    expect(sim.receipts[0]!.transcript).not.toContain('重打');
  });

  it('paper out mid-receipt: reprinted whole, marked 重打 REPRINT, when paper returns', async () => {
    const { printing } = host();
    sim.setFaults({ paperOutMidJob: { afterBytes: 300 } });
    const h = printing.printSlip('filing-receipt', slip, 'session-5.filing-receipt');
    expect(await h.until(['held'])).toMatchObject({ reason: 'paperOut' });
    sim.setFaults({ paperOut: false, paperOutMidJob: null });
    await clock.sleeping();
    clock.advance(1000);
    expect((await h.done()).state).toBe('taken');
    const complete = sim.receipts.filter((r) => !r.interrupted);
    expect(complete).toHaveLength(1);
    expect(complete[0]!.transcript).toContain('重打 REPRINT');
    expect(complete[0]!.transcript).toContain('YZ20261205-000123K');
  });

  it('gives a held receipt up after the hold time: failed with the reason, nothing printed later', async () => {
    const { printing, driver } = host();
    sim.setFaults({ coverOpen: true });
    const h = printing.printSlip('queue-ticket', queueTicket(), 'session-6.queue');
    await h.until(['held']);
    await clock.sleeping();
    clock.advance(180_000);
    expect(await h.done()).toMatchObject({ state: 'failed', reason: 'coverOpen', final: true });
    sim.setFaults({ coverOpen: false });
    await driver.refreshStatus();
    expect(driver.job(h.status().jobId!)?.state).toBe('canceled');
    expect(sim.receipts).toHaveLength(0);
    expect(log.lines.some((l) => l.event === 'printing.receiptGivenUp')).toBe(true);
  });

  it('a receipt interrupted by a crash waits for the caller: resume() reprints it with the banner', async () => {
    const { printing, journal } = host();
    // What a host killed while sending leaves in the journal.
    journal.receipts.put({
      id: 'receipt-printer-1-old-1',
      key: 'session-7.filing-receipt',
      state: 'sending',
      attempts: 1,
      partiallyPrinted: false,
      updatedAt: clock.now(),
    });
    const h = printing.printSlip('filing-receipt', slip, 'session-7.filing-receipt');
    expect(h.status()).toMatchObject({ state: 'held', reason: 'interrupted' });
    await clock.sleeping();
    clock.advance(1000);
    await clock.sleeping();
    expect(h.status().state).toBe('held'); // not retried silently
    expect(sim.receipts).toHaveLength(0);
    h.resume();
    expect((await h.done()).state).toBe('taken');
    expect(sim.receipts).toHaveLength(1);
    expect(sim.receipts[0]!.transcript).toContain('重打 REPRINT');
  });

  it('refuses bad slip data as a failed handle and keys that could carry anything', () => {
    const { printing } = host();
    const bad = printing.printSlip('queue-ticket', { ...queueTicket(), waitingAhead: -2 }, 'session-8.queue');
    expect(bad.status()).toMatchObject({ state: 'failed', reason: 'invalidDocument', final: true });
    const refused = log.lines.find((l) => l.event === 'printing.slipRefused');
    expect(refused?.fields.fields).toEqual(['waitingAhead']);
    expect(() => printing.printSlip('queue-ticket', queueTicket(), '张三 110105199001011232')).toThrow(
      InvalidPrintKey,
    );
    expect(() => printing.printSlip('queue-ticket', queueTicket(), 'key [with brackets]')).toThrow(
      InvalidPrintKey,
    );
  });
});

function queueTicket() {
  return JSON.parse(
    readFileSync(path.join(ROOT, 'print-templates/queue-ticket/sample.json'), 'utf8'),
  ) as Record<string, unknown>;
}
