// DeviceServices role by role, against the simulators the kiosk runs (the real protocols over an
// in-memory link), built from configuration through the family builders exactly as the host does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger, type ManualClock } from '../../../devices/core';
import { receipt, type ReceiptDocument } from '../../../devices/escpos-printer';
import { SAMPLE_CARD_PROFILES } from '../../../devices/pcsc-reader';
import { HostConfig } from '../../../main/config/host-config';
import type { A4PrinterSimulatorControl } from '../../../main/device-host/families/a4-printer';
import type { ReceiptPrinterSimulatorControl } from '../../../main/device-host/families/escpos-printer';
import type { IdCardSimulatorControl } from '../../../main/device-host/families/id-card-reader';
import type { LockerSimulatorControl } from '../../../main/device-host/families/locker-board';
import type { CardReaderSimulatorControl } from '../../../main/device-host/families/pcsc-reader';
import type { ScannerSimulatorControl } from '../../../main/device-host/families/scanner';
import { buildRegistry, type DeviceHost } from '../../../main/device-host/registry';
import { testClock } from '../../helpers/clock';
import { createPdfQueue, pdfText, type PdfQueue } from '../../helpers/cups';

const dir = mkdtempSync(path.join(tmpdir(), 'yizhan-services-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let host: DeviceHost | undefined;
let log: MemoryLogger;
/** The clock the simulated devices run on (in-memory links: it moves only when they are quiet). */
let clock: ManualClock;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const sim = { kind: 'simulated' as const };
/** Builds through the families; with `realTime` on the system clock (a real CUPS queue answers in its own time). */
async function build(devices: object[], opts: { realTime?: boolean } = {}): Promise<DeviceHost> {
  log = new MemoryLogger();
  clock = testClock();
  const config = HostConfig.parse({ dataDir: dir, devices });
  host = await buildRegistry(config, log, opts.realTime ? {} : { clock });
  return host;
}
const run = <T>(p: Promise<T>): Promise<T> => clock.run(p);
const simOf = <S>(h: DeviceHost, id: string): S =>
  h.devices.find((d) => d.device.id === id)!.device.simulator as S;

describe('idCard', () => {
  it('watches a card placed, reads the identity (a 生僻字 name), then sees it lifted', async () => {
    const h = await build([{ id: 'id-1', family: 'id-card-reader', transport: sim }]);
    const idCard = h.services.idCard!;
    await clock.until(() => idCard.availability().usable);
    expect(idCard.availability()).toMatchObject({ usable: true, reason: 'ready' });
    const events: string[] = [];
    idCard.watch((e) => events.push(e.kind));
    const reading = idCard.read({ timeoutMs: 5000 });
    simOf<IdCardSimulatorControl>(h, 'id-1').place('rareName');
    await expect(run(reading)).resolves.toMatchObject({
      cardType: 'resident',
      name: '龚䶮',
      idNumber: '320102199003071239',
      idNumberValid: true,
    });
    expect(events).toEqual(['placed', 'read']);
    expect(idCard.card()).toBe('read');
    // Left on the reader: reported as a person's omission, not a device failure.
    await expect(run(idCard.waitRemoved({ timeoutMs: 300 }))).rejects.toMatchObject({
      code: 'userAction',
      detail: 'cardNotRemoved',
    });
    const removed = idCard.waitRemoved({ timeoutMs: 5000 });
    simOf<IdCardSimulatorControl>(h, 'id-1').remove();
    await expect(run(removed)).resolves.toBeUndefined();
    expect(events).toEqual(['placed', 'read', 'removed']);
    // The log carries no name and no full ID number.
    expect(JSON.stringify(log.lines)).not.toMatch(/䶮|320102199003071239/);
  });

  it('reads a 2017 foreign permanent-residence card', async () => {
    const h = await build([
      {
        id: 'id-1',
        family: 'id-card-reader',
        transport: sim,
        options: { simulator: { card: 'foreign2017' } },
      },
    ]);
    await expect(run(h.services.idCard!.read({ timeoutMs: 5000 }))).resolves.toMatchObject({
      cardType: 'foreign2017',
      idNumber: 'USA110070070401',
      nameEn: 'SMITH, JOHN',
    });
  });
});

describe('socialSecurityCard and bankCard (one PC/SC reader, the in-process channel)', () => {
  const reader = {
    id: 'card-1',
    family: 'pcsc-reader',
    transport: sim,
    options: { simulator: { via: 'in-process' } },
  };

  it('reads a social security card; a bank card is read with its PAN masked in anything serialised', async () => {
    const h = await build([reader]);
    const card = simOf<CardReaderSimulatorControl>(h, 'card-1');
    expect(card.via).toBe('in-process');
    expect(log.lines.find((l) => l.event === 'card.simulation')?.fields).toMatchObject({ via: 'in-process' });
    expect(h.services.socialSecurityCard!.availability()).toMatchObject({ usable: true, deviceId: 'card-1' });
    expect(h.services.bankCard!.deviceId).toBe('card-1');

    await card.insert('ssc-gen2');
    await expect(run(h.services.socialSecurityCard!.read({ timeoutMs: 5000 }))).resolves.toMatchObject({
      kind: 'socialSecurity',
      name: '李华',
      idNumber: '440305199003071236',
    });
    await card.insert('unionpay-debit');
    const bank = await run(h.services.bankCard!.read({ timeoutMs: 5000 }));
    expect(bank.pan).toBe('6222021234567890128');
    expect(bank.maskedPan).toBe('622202*********0128');
    expect(JSON.stringify(bank)).not.toContain('6222021234567890128');
    expect(JSON.stringify(log.lines)).not.toContain('6222021234567890128');
    const removed = h.services.bankCard!.waitRemoved({ timeoutMs: 5000 });
    await card.remove();
    await expect(run(removed)).resolves.toBeUndefined();
  });

  it('says which card is wrong, and that a card was pulled mid-read', async () => {
    const h = await build([reader]);
    const card = simOf<CardReaderSimulatorControl>(h, 'card-1');
    await card.insert('unionpay-debit');
    await expect(run(h.services.socialSecurityCard!.read({ timeoutMs: 3000 }))).rejects.toMatchObject({
      code: 'unsupported',
      detail: 'wrongCard',
    });
    await card.insert({ ...SAMPLE_CARD_PROFILES['ssc-gen3'], faults: { pulledMidRead: { afterApdus: 3 } } });
    await expect(run(h.services.socialSecurityCard!.read({ timeoutMs: 3000 }))).rejects.toMatchObject({
      code: 'noMedia',
      detail: 'cardRemoved',
    });
  });
});

const slip = (text: string): ReceiptDocument => ({
  blocks: [receipt.title('受理回执'), receipt.text(text), receipt.qr(`yizhan:test:${text}`), receipt.cut()],
});

describe('receiptPrinter', () => {
  it('prints under an idempotency key, follows it to taken, and never prints a key twice', async () => {
    const h = await build([{ id: 'rp-1', family: 'escpos-printer', transport: sim }]);
    const printer = h.services.receiptPrinter!;
    const paper = simOf<ReceiptPrinterSimulatorControl>(h, 'rp-1');
    await clock.until(() => printer.availability().reason === 'ready');
    const job = await run(printer.print(slip('办件编号 A-1'), { key: 'filing-A-1' }));
    expect(job.state).toBe('printed');
    expect(paper.receipts().at(-1)?.transcript).toContain('办件编号 A-1');
    expect(paper.receiptInPresenter).toBe(true);
    expect(await run(printer.whenTaken(job.id, { timeoutMs: 300 }))).toBe('notTaken');
    const taken = printer.whenTaken(job.id, { timeoutMs: 5000 });
    paper.take();
    expect(await run(taken)).toBe('taken');
    const again = await run(printer.print(slip('办件编号 A-1'), { key: 'filing-A-1' }));
    expect(again).toMatchObject({ id: job.id, state: 'taken' });
    expect(paper.receipts()).toHaveLength(1);
  });

  it('paper out: the role says 缺纸, the job is held, and printed once when paper is back', async () => {
    const h = await build([
      {
        id: 'rp-1',
        family: 'escpos-printer',
        transport: sim,
        options: { simulator: { receiptsWaitToBeTaken: false } },
      },
    ]);
    const printer = h.services.receiptPrinter!;
    const paper = simOf<ReceiptPrinterSimulatorControl>(h, 'rp-1');
    await clock.until(() => printer.availability().reason === 'ready');
    paper.paper('low');
    await run(printer.refreshStatus());
    expect(printer.availability()).toMatchObject({ usable: true, reason: 'paperLow' });
    paper.paper('out');
    await run(printer.refreshStatus());
    expect(printer.availability()).toMatchObject({ usable: false, reason: 'paperOut' });
    expect(h.list()[0]).toMatchObject({ health: 'offline', condition: 'paperOut', detail: { paper: 'out' } });
    const held = await run(printer.print(slip('证明 B-2'), { key: 'cert-B-2' }));
    expect(held).toMatchObject({ state: 'held', reason: 'paperOut' });
    paper.paper('ok');
    printer.resume(held.id);
    await expect(run(printer.waitForJob(held.id, ['printed', 'taken']))).resolves.toMatchObject({
      id: held.id,
    });
    expect(paper.receipts().filter((r) => r.transcript.includes('证明 B-2'))).toHaveLength(1);
  });
});

async function tinyPdf(text: string): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => doc.on('end', r));
  doc.fontSize(24).text(text);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

describe('a4Printer', () => {
  it('in-memory spooler: completed under a key, a retry is not printed again, paper out is named', async () => {
    const h = await build([
      {
        id: 'a4-1',
        family: 'a4-printer',
        transport: sim,
        options: { pollMs: 50, jobTimeoutMs: 1500, simulator: { spooler: 'memory' } },
      },
    ]);
    const a4 = h.services.a4Printer!;
    const spooler = simOf<A4PrinterSimulatorControl>(h, 'a4-1');
    expect(log.lines.find((l) => l.event === 'a4.simulation')?.fields).toMatchObject({ via: 'memory' });
    const pdf = await tinyPdf('certificate');
    await expect(run(a4.print(pdf, { title: '参保证明', key: 'cert-1' }))).resolves.toMatchObject({
      state: 'completed',
      reused: false,
    });
    await expect(run(a4.print(pdf, { title: '参保证明', key: 'cert-1' }))).resolves.toMatchObject({
      reused: true,
    });
    expect(spooler.submitted()).toHaveLength(1);
    await spooler.paper('out');
    expect(a4.availability()).toMatchObject({ usable: false, reason: 'paperOut' });
    await expect(run(a4.print(pdf, { title: '参保证明', key: 'cert-2' }))).rejects.toMatchObject({
      code: 'timeout',
      detail: 'printerOffline',
    });
  });

  describe('through CUPS', () => {
    let queue: PdfQueue;
    afterAll(() => queue?.remove());
    it('a cups-pdf queue stands in for the simulated A4 printer; the job completes and its PDF exists', async () => {
      queue = await createPdfQueue('yz-h1-a4');
      const h = await build(
        [
          {
            id: 'a4-1',
            family: 'a4-printer',
            transport: sim,
            options: { simulator: { spooler: 'auto', cupsPdfQueue: queue.name } },
          },
        ],
        { realTime: true },
      );
      expect(log.lines.find((l) => l.event === 'a4.simulation')?.fields).toMatchObject({
        via: 'cups-pdf',
        queue: queue.name,
      });
      const done = await h.services.a4Printer!.print(await tinyPdf('Yizhan A4 cups-pdf'), {
        title: 'test',
        key: `cups-${Date.now()}`,
      });
      const out = await queue.waitForOutput(Number(done.jobId.split('-').at(-1)));
      expect(pdfText(out)).toContain('Yizhan A4 cups-pdf');
    }, 60_000);
  });
});

describe('scanner', () => {
  it('gives the next code, a stream while a step listens, and a timeout when nothing is scanned', async () => {
    const h = await build([{ id: 'sc-1', family: 'scanner', transport: sim }]);
    const scanner = h.services.scanner!;
    await clock.until(() => scanner.availability().reason === 'ready');
    const code = simOf<ScannerSimulatorControl>(h, 'sc-1');
    const next = scanner.next({ timeoutMs: 5000 });
    await run(code.scan('SF1234567890'));
    await expect(run(next)).resolves.toEqual({ text: 'SF1234567890', symbology: 'unknown' });
    const seen: string[] = [];
    const off = scanner.listen((s) => seen.push(s.text));
    await run(code.scan('一码办 受理编号 2026112300017'));
    await run(code.scan('https://example.gov.cn/q?id=1'));
    await clock.until(() => seen.length === 2);
    expect(seen).toEqual(['一码办 受理编号 2026112300017', 'https://example.gov.cn/q?id=1']);
    off();
    await expect(run(scanner.next({ timeoutMs: 200 }))).rejects.toMatchObject({
      code: 'timeout',
      detail: 'noScan',
    });
  });
});

describe('lockers', () => {
  it('opens a door confirmed by its sensor, watches it closed, reports occupancy; a jammed door is said so', async () => {
    const h = await build([
      {
        id: 'lk-1',
        family: 'locker-board',
        transport: sim,
        options: { cabinet: { openTimeoutMs: 800, monitorIntervalMs: 100 } },
      },
    ]);
    const lockers = h.services.lockers!;
    const cabinet = simOf<LockerSimulatorControl>(h, 'lk-1');
    expect(lockers.config).toMatchObject({ protocol: 'cu', boards: [1], doorsPerBoard: 16 });
    await clock.until(() => lockers.availability().reason === 'ready');
    const doors: string[] = [];
    lockers.onDoor((e) => doors.push(`${e.kind} ${e.board}:${e.door}`));
    const opened = await run(lockers.open(1, 3));
    expect(opened).toMatchObject({ board: 1, door: 3 });
    expect(cabinet.isOpen(1, 3)).toBe(true);
    const closed = lockers.waitClosed(1, 3, { timeoutMs: 5000 });
    cabinet.setItem(1, 3, true);
    cabinet.close(1, 3);
    await expect(run(closed)).resolves.toMatchObject({ door: 3, state: 'closed' });
    // The next sweep (every 100 ms) brings the item sensor into the occupancy.
    await clock.advance(100);
    expect(lockers.occupancy().find((d) => d.door === 3)).toEqual({
      board: 1,
      door: 3,
      state: 'closed',
      itemPresent: true,
    });
    expect(lockers.occupancy()).toHaveLength(16);
    cabinet.jam(1, 5);
    await expect(run(lockers.open(1, 5))).rejects.toMatchObject({ code: 'hardware', detail: 'doorJammed' });
    cabinet.free(1, 5);
    await expect(run(lockers.open(1, 5))).resolves.toMatchObject({ door: 5 });
    expect(doors).toContain('opened 1:3');
    expect(doors).toContain('closed 1:3');
  });
});

describe('camera', () => {
  it('reports what it can take and assembles the pages the page captured into one PDF', async () => {
    const h = await build([
      { id: 'cam-1', family: 'document-camera', transport: { kind: 'camera', label: 'Doc' } },
    ]);
    const camera = h.services.camera!;
    expect(camera.availability()).toMatchObject({ usable: true });
    expect(camera.capability()).toEqual({
      label: 'Doc',
      simulated: false,
      maxPages: 20,
      papers: ['a4', 'id1'],
    });
    const page = await tinyPdf('page one');
    writeFileSync(path.join(dir, 'page.pdf'), page);
    execFileSync('pdftoppm', [
      '-jpeg',
      '-r',
      '40',
      '-singlefile',
      path.join(dir, 'page.pdf'),
      path.join(dir, 'page'),
    ]);
    const jpeg = new Uint8Array(readFileSync(path.join(dir, 'page.jpg')));
    const pdf = await camera.assemblePdf({ pages: [{ paper: 'a4', jpeg }], title: '身份证复印件' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the facade', () => {
  it('has only the roles configured; every other role is absent and listed as notConfigured', async () => {
    const h = await build([{ id: 'id-1', family: 'id-card-reader', transport: sim }]);
    expect(h.services.receiptPrinter).toBeUndefined();
    expect(h.services.lockers).toBeUndefined();
    const all = Object.fromEntries(h.services.availability().map((a) => [a.role, a.reason]));
    expect(all).toMatchObject({
      receiptPrinter: 'notConfigured',
      lockers: 'notConfigured',
      camera: 'notConfigured',
    });
    expect(Object.keys(all)).toHaveLength(8);
  });
});
