import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../devices/core';
import { a4Printer } from '../../../main/device-host/families/a4-printer';
import { escposPrinter } from '../../../main/device-host/families/escpos-printer';
import { Printing, PrintJournalStore } from '../../../main/printing';
import { ManualClock } from '../../helpers/manual-clock';

// main/printing on the device services main/device-host builds (the simulated receipt printer and the
// in-memory A4 spooler), as the host plugs them in: the families' commands are the printer interfaces.
const ROOT = path.join(import.meta.dirname, '..', '..', '..');
const sample = (id: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'print-templates', id, 'sample.json'), 'utf8')) as Record<
    string,
    unknown
  >;

let dir: string;
const stops: (() => Promise<void>)[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'yz-printing-services-'));
});
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
  rmSync(dir, { recursive: true, force: true });
});

async function kiosk() {
  const log = new MemoryLogger();
  const journal = new PrintJournalStore({ dataDir: dir, openDatabase: (f) => new Database(f) });
  const receipt = await escposPrinter.build(
    {
      id: 'receipt-printer-1',
      family: 'escpos-printer',
      transport: { kind: 'simulated' },
      options: escposPrinter.options.parse({ statusPollMs: 0 }),
    },
    { log, mode: 'service', journal: journal.receipts },
  );
  const a4 = await a4Printer.build(
    {
      id: 'a4-printer-1',
      family: 'a4-printer',
      transport: { kind: 'simulated' },
      options: a4Printer.options.parse({ simulator: { spooler: 'memory' }, pollMs: 50 }),
    },
    { log, mode: 'service' },
  );
  const clock = new ManualClock();
  const printing = new Printing({
    journal,
    receiptPrinter: receipt.commands,
    a4Printer: a4.commands,
    clock,
    log,
  });
  stops.push(
    () => Promise.resolve(journal.close()),
    () => receipt.stop(),
    () => a4.stop(),
    () => printing.close(),
  );
  return { printing, receipt, a4, clock };
}

describe('main/printing on the device services', () => {
  it('prints a slip to taken and a certificate to completed through the families’ commands', async () => {
    const { printing, receipt } = await kiosk();
    const slip = printing.printSlip('queue-ticket', sample('queue-ticket'), 'svc-1.queue');
    await slip.until(['printed']);
    receipt.simulator!.take();
    expect((await slip.done()).state).toBe('taken');
    expect(receipt.simulator!.receipts().at(-1)!.transcript).toContain('A023');
    const cert = printing.printDocument(
      'social-insurance-certificate',
      sample('social-insurance-certificate'),
      'svc-1.cert',
    );
    expect(await cert.done()).toMatchObject({ state: 'completed', jobId: 'SimA4-1' });
  });

  it('holds a certificate while the A4 printer is out of paper and prints it once when paper is back', async () => {
    const { printing, a4, clock } = await kiosk();
    await a4.simulator!.paper('out');
    const cert = printing.printDocument(
      'housing-fund-certificate',
      sample('housing-fund-certificate'),
      'svc-2.cert',
    );
    expect(await cert.until(['held'])).toMatchObject({ reason: 'paperOut' });
    expect(a4.simulator!.submitted()).toHaveLength(0);
    await a4.simulator!.paper('ok');
    await clock.sleeping();
    clock.advance(1000);
    expect((await cert.done()).state).toBe('completed');
    expect(a4.simulator!.submitted().map((j) => j.name)).toEqual(['公积金缴存证明 [svc-2.cert]']);
  });
});
