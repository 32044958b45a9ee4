import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { testGlyphs } from '../../tests/helpers/escpos-font';
import { MemoryLogger } from '../core';
import { memoryPair, type MemoryEnd } from '../transports';
import { printerChecks } from './diagnostics';
import { EscposPrinterDriver, type EscposPrinterConfig, type PrintJob, type PrintJournal } from './driver';
import { PROFILES, receipt, type PrinterProfile } from './protocol';
import { EscposPrinterSimulator } from './simulator';

let ends: MemoryEnd[] = [];
afterEach(async () => {
  for (const e of ends) await e.close();
  ends = [];
});

async function rig(profile: PrinterProfile, opts: Partial<EscposPrinterConfig> = {}) {
  const [host, device] = memoryPair('printer');
  ends.push(host, device);
  await host.open();
  await device.open();
  const clock = testClock();
  const sim = new EscposPrinterSimulator(device, { profile, glyphs: testGlyphs(), baudRate: 0, clock });
  const log = new MemoryLogger();
  const driver = new EscposPrinterDriver(
    host,
    {
      deviceId: 'p1',
      profile,
      baudRate: 115200,
      replyTimeoutMs: 500,
      statusPollMs: 0,
      takePollMs: 10,
      ...opts,
    },
    log,
    clock,
  );
  /** Waits for a job state, moving the rig's clock as the driver needs. */
  const settled = (id: string, states: PrintJob['state'][]) => clock.run(driver.waitForJob(id, states));
  return { driver, sim, log, clock, settled };
}

const doc = (text: string) => ({ blocks: [receipt.text(text), receipt.cut()] });

describe('EscposPrinterDriver (memory link)', () => {
  it('prints queued jobs in order and never logs receipt text', async () => {
    const { driver, sim, log, settled } = await rig(PROFILES['generic-80']);
    const a = driver.submit(doc('申请人 张三丰 110105199001011234'), { key: 'a' });
    const b = driver.submit(doc('second'), { key: 'b' });
    await settled(b.id, ['printed']);
    expect(driver.job(a.id)?.state).toBe('printed');
    expect(sim.receipts.map((r) => r.transcript.split('\n')[0])).toEqual([
      '申请人 张三丰 110105199001011234',
      'second',
    ]);
    expect(JSON.stringify(log.lines)).not.toMatch(/张三丰|110105199001011234/);
  });

  it('a receipt left in the presenter does not hold the next one back: its watch ends, the next prints at once', async () => {
    const { driver, sim, log, clock, settled } = await rig(PROFILES.kp628, { takeTimeoutMs: 60_000 });
    sim.setFaults({ notTaken: true });
    const a = driver.submit(doc('boot status slip'), { key: 'a' });
    await settled(a.id, ['printed']);
    const t0 = clock.monotonic();
    const b = driver.submit(doc('citizen slip'), { key: 'b' });
    await settled(b.id, ['printed']);
    // Not the take timeout of the slip before it: the next receipt went out within a few polls.
    expect(clock.monotonic() - t0).toBeLessThan(5_000);
    expect(driver.job(a.id)?.state).toBe('printed');
    expect(log.lines.find((l) => l.event === 'printer.receiptNotTaken')?.fields).toMatchObject({
      job: a.id,
      superseded: true,
    });
    sim.takeReceipt();
    expect(await settled(b.id, ['taken'])).toMatchObject({ state: 'taken' });
  });

  it('fails a document the profile cannot print, and retries a failed key as a new job', async () => {
    const { driver, sim, settled } = await rig(PROFILES['raster-80']);
    const bad = driver.submit(doc('中文'), { key: 'k' });
    expect(await settled(bad.id, ['failed'])).toMatchObject({
      reason: 'invalidDocument',
      attempts: 0,
    });
    const again = driver.submit(doc('ascii only'), { key: 'k' });
    expect(again.id).not.toBe(bad.id);
    await settled(again.id, ['printed']);
    expect(sim.receipts).toHaveLength(1);
  });

  it('prints the raster fallback when given a rasteriser', async () => {
    const { driver, sim, settled } = await rig(PROFILES['raster-80'], { glyphs: testGlyphs() });
    const job = driver.submit(
      { blocks: [receipt.text('中文'), receipt.qr('x'), receipt.cut()] },
      { key: 'r' },
    );
    await settled(job.id, ['printed']);
    expect(sim.receipts[0]!.items.map((i) => i.kind)).toEqual(['raster', 'raster', 'cut']);
  });

  it('refuses to resume or cancel jobs in the wrong state', async () => {
    const { driver, settled } = await rig(PROFILES['generic-80']);
    const job = driver.submit(doc('x'), { key: 'x' });
    await settled(job.id, ['printed']);
    expect(() => driver.resume(job.id)).toThrow(
      expect.objectContaining({ code: 'sequence', detail: 'jobNotHeld' }) as Error,
    );
    expect(() => driver.cancel(job.id)).toThrow(expect.objectContaining({ code: 'sequence' }) as Error);
    await expect(driver.waitForJob('nope', ['printed'])).rejects.toMatchObject({ code: 'invalidArgument' });
  });

  it('reports near-end paper as online with detail nearEnd', async () => {
    const { driver, sim, clock } = await rig(PROFILES.kp628);
    sim.setFaults({ paperNearEnd: true });
    expect(await clock.run(driver.refreshStatus())).toMatchObject({
      health: 'online',
      detail: { paper: 'nearEnd', online: true, receiptTaken: true },
    });
  });
});

describe('printer diagnostics', () => {
  it('names what to fix and prints the test slip with the status on it', async () => {
    const { driver, sim, clock } = await rig(PROFILES.kp628);
    const [status, slip] = printerChecks;
    const operator = {
      patienceMs: 60_000,
      ask: (r: { kind: string }) => Promise.resolve(r.kind === 'takeReceipt' ? sim.takeReceipt() : undefined),
    };
    sim.setFaults({ coverOpen: true });
    expect(await clock.run(status!.run({ device: driver, operator }))).toMatchObject({
      outcome: 'fail',
      key: 'diag.printer.coverOpen',
    });
    sim.setFaults({ coverOpen: false, paperNearEnd: true });
    expect(await clock.run(status!.run({ device: driver, operator }))).toMatchObject({
      outcome: 'warn',
      key: 'diag.printer.paperLow',
    });
    const readableTime = () => '2026年1月1日 08:00';
    expect(await clock.run(slip!.run({ device: driver, operator, readableTime }))).toMatchObject({
      outcome: 'pass',
    });
    const text = sim.receipts[0]!.transcript;
    expect(text).toContain('中文测试 Chinese text');
    expect(text).toMatch(/纸张 Paper +将尽 near end/);
    // The QR carries the printer's instant: the manual clock starts at 2026-01-01 00:00 China time.
    expect(text).toContain('[QR yizhan:printer-test:2025-12-31T16:00:00.000Z]');
    // The time people read is the host's (Beijing time from domain/time), not the UTC instant.
    expect(text).toContain('2026年1月1日 08:00');
    expect(text).not.toMatch(/^\s*2025-12-31T16:00:00\.000Z\s*$/m);
  });

  describe('with a journal (restart or crash between submissions)', () => {
    const journal = (): PrintJournal & { entries: Map<string, PrintJob> } => {
      const entries = new Map<string, PrintJob>();
      return { entries, get: (k) => entries.get(k), put: (j) => void entries.set(j.key, j) };
    };

    it('does not print a key again that an earlier driver printed', async () => {
      const j = journal();
      const first = await rig(PROFILES['generic-80'], { journal: j });
      const job = first.driver.submit(doc('回执 once'), { key: 'K1' });
      await first.settled(job.id, ['printed']);
      expect(j.entries.get('K1')?.state).toBe('printed');
      const second = await rig(PROFILES['generic-80'], { journal: j });
      expect(second.driver.submit(doc('回执 once'), { key: 'K1' })).toMatchObject({
        id: job.id,
        state: 'printed',
      });
      await second.clock.advance(60_000);
      expect(second.sim.receipts).toHaveLength(0);
    });

    it('holds a key the previous process was sending, and prints it once with the reprint banner on resume', async () => {
      const j = journal();
      j.put({
        id: 'p1-old-1',
        key: 'K2',
        state: 'sending',
        attempts: 1,
        partiallyPrinted: false,
        updatedAt: 1,
      });
      const { driver, sim, clock, settled } = await rig(PROFILES['generic-80'], { journal: j });
      const held = driver.submit(doc('回执 crash'), { key: 'K2' });
      expect(held).toMatchObject({
        id: 'p1-old-1',
        state: 'held',
        reason: 'interrupted',
        partiallyPrinted: true,
      });
      await clock.advance(60_000);
      expect(sim.receipts).toHaveLength(0);
      driver.resume(held.id);
      expect(await settled(held.id, ['printed', 'held', 'failed'])).toMatchObject({
        state: 'printed',
        attempts: 2,
      });
      expect(sim.receipts).toHaveLength(1);
      expect(sim.receipts[0]!.transcript.split('\n')[0]?.trim()).toBe('重打 REPRINT');
      expect(j.entries.get('K2')?.state).toBe('printed');
    });

    it('prints a key again whose earlier attempt failed before anything was sent', async () => {
      const j = journal();
      j.put({
        id: 'p1-old-2',
        key: 'K3',
        state: 'failed',
        reason: 'timeout',
        attempts: 0,
        partiallyPrinted: false,
        updatedAt: 1,
      });
      const { driver, sim, settled } = await rig(PROFILES['generic-80'], { journal: j });
      const job = driver.submit(doc('回执 retry'), { key: 'K3' });
      expect(job.id).not.toBe('p1-old-2');
      await settled(job.id, ['printed']);
      expect(sim.receipts).toHaveLength(1);
    });
  });
});
