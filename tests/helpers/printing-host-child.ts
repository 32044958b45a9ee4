// The host side of the printing crash test, as its own process: the real receipt driver on a pty,
// the real A4 driver on CUPS, the journal in the data dir, the render worker. It prints the plan's
// things one after another (a citizen per key), each under its key, and reports every state change
// as a JSON line on stdout. The test kills it with SIGKILL and starts it again; it then asks for the
// same keys again, as a caller retrying after a crash would. An interrupted receipt is resumed (the
// citizen asks for it again); everything else is left to the printing module.
import Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import { A4PrinterDriver, CupsSpooler } from '../../devices/a4-printer';
import { silentLogger } from '../../devices/core';
import { EscposPrinterDriver, PROFILES } from '../../devices/escpos-printer';
import { SerialTransport } from '../../devices/transports';
import { cupsIppExchange } from '../../devices/transports/cups';
import { a4PrinterFrom, Printing, PrintJournalStore, receiptPrinterFrom } from '../../main/printing';
import { printPlan } from './printing-plan';

const env = (name: string) => process.env[name] ?? '';
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const journal = new PrintJournalStore({
  dataDir: env('PRINT_DATA_DIR'),
  openDatabase: (f) => new Database(f),
});
const link = new SerialTransport({ path: env('PRINT_RECEIPT_PORT'), baudRate: 115200 });
await link.open();
const profile = PROFILES.kp628;
const receipt = new EscposPrinterDriver(link, {
  deviceId: 'receipt-printer-1',
  profile,
  baudRate: 115200,
  statusPollMs: 0,
  takePollMs: 50,
  journal: journal.receipts,
});
const queue = env('PRINT_QUEUE');
const a4 = new A4PrinterDriver(
  new CupsSpooler(cupsIppExchange(), userInfo().username),
  { deviceId: 'a4-printer-1', queue, pollMs: 100, jobTimeoutMs: 120_000 },
  silentLogger,
);
const printing = new Printing({
  journal,
  receiptPrinter: receiptPrinterFrom(receipt, profile),
  a4Printer: a4PrinterFrom(a4),
});
await printing.start();
say({ event: 'ready', pid: process.pid });

for (const item of printPlan(Number(env('PRINT_SEED')), Number(env('PRINT_ITEMS')))) {
  const h =
    item.kind === 'a4'
      ? printing.printDocument(item.templateId, item.data, item.key)
      : printing.printSlip(item.templateId, item.data, item.key);
  const report = (s: ReturnType<typeof h.status>) =>
    say({ event: 'state', key: s.key, kind: s.kind, state: s.state, reason: s.reason, reused: s.reused });
  report(h.status());
  h.onChange((s) => {
    report(s);
    if (s.state === 'held' && s.reason === 'interrupted') h.resume();
  });
  if (h.status().state === 'held' && h.status().reason === 'interrupted') h.resume();
  const done = await h.done();
  say({ event: 'done', key: done.key, state: done.state, reused: done.reused });
}
say({ event: 'all' });
await printing.close();
await receipt.stop();
await link.close();
journal.close();
process.exit(0);
