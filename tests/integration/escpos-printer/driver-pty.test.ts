import { afterEach, describe, expect, it } from 'vitest';
import { PROFILES, receipt, type PrintJobState } from '../../../devices/escpos-printer';
import { acceptanceReceipt } from '../../helpers/escpos-samples';
import { printerOverPty, type PrinterRig } from '../../helpers/escpos-pty';

let rig: PrinterRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

const complete = (r: PrinterRig) => r.sim.receipts.filter((x) => !x.interrupted);

/** Waits for one of `states`, moving the rig's clock (only while the pty is quiet) as the driver needs. */
const settled = (r: PrinterRig, id: string, states: PrintJobState[]) =>
  r.clock.run(r.driver.waitForJob(id, states));

describe('receipt printer driver ↔ simulator over a socat pty', () => {
  it('prints a receipt and reports it taken from the presenter', async () => {
    rig = await printerOverPty();
    const states: string[] = [];
    rig.driver.events.on('job', (j) => j.key === 'SL-1' && states.push(j.state));
    const job = rig.driver.submit(acceptanceReceipt(), { key: 'SL-1' });
    const done = await settled(rig, job.id, ['taken', 'held', 'failed']);
    expect(done).toMatchObject({ state: 'taken', attempts: 1 });
    expect(states).toEqual(['queued', 'sending', 'printed', 'taken']);
    expect(done.reason).toBeUndefined();
    expect(complete(rig)).toHaveLength(1);
    expect(rig.sim.receipts[0]!.transcript).toContain('受理回执');
    expect(rig.driver.status.current).toMatchObject({
      health: 'online',
      detail: { paper: 'ok', receiptTaken: true },
    });
  });

  it('holds a job when the paper runs out mid-receipt and prints it exactly once on resume', async () => {
    rig = await printerOverPty();
    rig.sim.setFaults({ paperOutMidJob: { afterBytes: 400 } });
    const job = rig.driver.submit(acceptanceReceipt(), { key: 'SL-2' });
    const held = await settled(rig, job.id, ['held', 'printed', 'taken', 'failed']);
    expect(held).toMatchObject({ state: 'held', reason: 'paperOut', partiallyPrinted: true });
    expect(rig.driver.status.current).toMatchObject({
      health: 'offline',
      detail: { paper: 'out', online: false },
    });
    expect(rig.sim.receipts.map((r) => r.interrupted)).toEqual([true]);

    // Resubmitting the same key while held must not print a second copy.
    expect(rig.driver.submit(acceptanceReceipt(), { key: 'SL-2' }).id).toBe(job.id);
    rig.sim.setFaults({ paperOut: false });
    rig.driver.resume(job.id);
    const done = await settled(rig, job.id, ['taken', 'held', 'failed']);
    expect(done).toMatchObject({ state: 'taken', attempts: 2 });
    expect(complete(rig)).toHaveLength(1);
    const lines = complete(rig)[0]!.transcript.split('\n');
    expect(lines[0]?.trim()).toBe('重打 REPRINT');
    expect(lines.filter((l) => l.trim() === '受理回执')).toHaveLength(1);
    expect(rig.sim.realtimeInsideData).toBe(0);
  });

  it('prints on paper near end and reports nearEnd while staying in service', async () => {
    rig = await printerOverPty();
    rig.sim.setFaults({ paperNearEnd: true });
    const job = rig.driver.submit(acceptanceReceipt(), { key: 'SL-NE' });
    expect(await settled(rig, job.id, ['taken', 'held', 'failed'])).toMatchObject({
      state: 'taken',
    });
    expect(rig.driver.status.current).toMatchObject({ health: 'online', detail: { paper: 'nearEnd' } });
    expect(complete(rig)).toHaveLength(1);
  });

  it('holds a job on a cutter error without printing and reports hardwareError', async () => {
    rig = await printerOverPty();
    rig.sim.setFaults({ cutterError: true });
    const job = rig.driver.submit(acceptanceReceipt(), { key: 'SL-CE' });
    const held = await settled(rig, job.id, ['held', 'printed', 'taken', 'failed']);
    expect(held).toMatchObject({ state: 'held', reason: 'cutterError', attempts: 0 });
    expect(rig.driver.status.current).toMatchObject({
      health: 'hardwareError',
      detail: { cutterError: true, online: false },
    });
    expect(rig.sim.receipts).toHaveLength(0);
    rig.sim.setFaults({ cutterError: false });
    rig.driver.resume(job.id);
    expect((await settled(rig, job.id, ['taken', 'held', 'failed'])).state).toBe('taken');
    expect(rig.driver.status.current.detail.cutterError).toBe(false);
  });

  it('sends raster data that never contains a real-time command, and polls only after it', async () => {
    rig = await printerOverPty({ profile: PROFILES['raster-80'] });
    // An image whose bytes would read as DLE EOT 2 and DLE ENQ 1 if sent as they are.
    const data = new Uint8Array(72 * 8).fill(0x10);
    for (let i = 1; i < data.length; i += 3) data.set([0x04, 0x02], i);
    data.set([0x10, 0x05, 0x01], 300);
    const doc = {
      blocks: [
        receipt.text('图像 image'),
        { kind: 'image' as const, bitmap: { width: 576, height: 8, data } },
        receipt.cut(),
      ],
    };
    const job = rig.driver.submit(doc, { key: 'SL-IMG' });
    expect((await settled(rig, job.id, ['printed', 'held', 'failed'])).state).toBe('printed');
    const printed = complete(rig)[0]!;
    expect(printed.items.filter((i) => i.kind === 'raster').length).toBeGreaterThanOrEqual(2);
    expect(rig.sim.realtimeInsideData).toBe(0);
  });

  it('does not send to a printer with the cover open: held without printing, resumed without a reprint mark', async () => {
    rig = await printerOverPty();
    rig.sim.setFaults({ coverOpen: true });
    const job = rig.driver.submit(acceptanceReceipt(), { key: 'SL-3' });
    const held = await settled(rig, job.id, ['held', 'printed', 'taken', 'failed']);
    expect(held).toMatchObject({ state: 'held', reason: 'coverOpen', partiallyPrinted: false, attempts: 0 });
    expect(rig.driver.status.current.detail.coverOpen).toBe(true);
    expect(rig.sim.receipts).toHaveLength(0);
    rig.sim.setFaults({ coverOpen: false });
    rig.driver.resume(job.id);
    await settled(rig, job.id, ['taken']);
    expect(rig.sim.receipts[0]!.transcript).not.toContain('REPRINT');
  });

  it('reports an offline printer and cancels the held job on request', async () => {
    rig = await printerOverPty();
    rig.sim.setFaults({ offline: true });
    const s = await rig.clock.run(rig.driver.refreshStatus());
    expect(s).toMatchObject({ health: 'offline', detail: { online: false, paper: 'ok' } });
    const job = rig.driver.submit(acceptanceReceipt(), { key: 'SL-4' });
    await settled(rig, job.id, ['held']);
    expect(rig.driver.cancel(job.id).state).toBe('canceled');
    expect(() => rig!.driver.resume(job.id)).toThrow(expect.objectContaining({ code: 'sequence' }) as Error);
    expect(rig.sim.receipts).toHaveLength(0);
  });

  it('keeps a receipt "printed" while it waits in the presenter, then reports it taken', async () => {
    rig = await printerOverPty();
    rig.sim.setFaults({ notTaken: true });
    const job = rig.driver.submit(acceptanceReceipt(), { key: 'SL-5' });
    await settled(rig, job.id, ['printed']);
    // The presenter is polled all along (every 30 ms): the receipt stays there, untaken.
    await rig.clock.advance(1000);
    expect(rig.driver.job(job.id)?.state).toBe('printed');
    expect(rig.driver.status.current).toMatchObject({ health: 'userError', detail: { receiptTaken: false } });
    rig.sim.takeReceipt();
    expect((await settled(rig, job.id, ['taken'])).state).toBe('taken');
    expect(rig.driver.status.current.detail.receiptTaken).toBe(true);
  });

  it('prints an idempotent resubmission once and returns the same job', async () => {
    rig = await printerOverPty({ profile: PROFILES['generic-80'] });
    const doc = { blocks: [receipt.text('回执 A'), receipt.cut()] };
    const a = rig.driver.submit(doc, { key: 'same' });
    const b = rig.driver.submit(doc, { key: 'same' });
    expect(b.id).toBe(a.id);
    expect((await settled(rig, a.id, ['printed', 'held', 'failed'])).state).toBe('printed');
    expect(rig.driver.submit(doc, { key: 'same' })).toMatchObject({ id: a.id, state: 'printed' });
    await rig.clock.advance(60_000);
    expect(rig.sim.receipts).toHaveLength(1);
    expect(rig.driver.job(a.id)?.state).toBe('printed'); // generic-80 has no presenter sensor
    expect(rig.driver.status.current.detail.receiptTaken).toBeNull();
  });

  it('reports noDevice when the cable is pulled and recovers under LinkSupervisor when it is back', async () => {
    rig = await printerOverPty({
      openDriverPort: false,
      driver: { supervisor: { initialBackoffMs: 50, maxBackoffMs: 200, debounceMs: 300 } },
    });
    const r = rig;
    const health = (want: string) =>
      new Promise<void>((resolve) => {
        if (r.driver.status.current.health === want) return resolve();
        const off = r.driver.status.subscribe((s) => s.health === want && (off(), resolve()));
      });
    r.driver.start();
    await r.clock.run(health('online'));
    // The connect's status round (DLE EOT 1–4) is complete once a second one is.
    await r.clock.run(r.driver.refreshStatus());
    const closed = new Promise<void>((resolve) => r.driverTransport.onClose(() => resolve()));
    await r.unplug();
    // The pull itself arrives from the kernel; only the debounce after it is clock time.
    await closed;
    const pulledAt = r.clock.monotonic();
    await r.clock.run(health('noDevice'));
    expect(r.clock.monotonic() - pulledAt).toBe(300);
    expect(r.driver.status.current.lastError?.code).toBe('notConnected');
    await r.replug();
    await r.clock.run(health('online'));
    const job = r.driver.submit(acceptanceReceipt(), { key: 'SL-7' });
    expect((await settled(r, job.id, ['taken', 'held', 'failed'])).state).toBe('taken');
    expect(r.sim.receipts).toHaveLength(1);
  });

  it('follows Automatic Status Back under LinkSupervisor without polling', async () => {
    rig = await printerOverPty({ openDriverPort: false, driver: { statusBack: true } });
    const r = rig;
    const connected = new Promise<void>((resolve) => {
      const off = r.driver.status.subscribe((s) => s.health === 'online' && (off(), resolve()));
    });
    r.driver.start();
    await r.clock.run(connected);
    const coverOpen = new Promise<void>((resolve) => {
      const off = r.driver.status.subscribe((s) => s.detail.coverOpen && (off(), resolve()));
    });
    // No poll brings it (statusPollMs 0): the printer's own ASB frame does.
    r.sim.setFaults({ coverOpen: true });
    await r.clock.run(coverOpen);
    expect(r.driver.status.current.health).toBe('offline');
  });

  it('turns a silent link into a timeout and health noDevice', async () => {
    rig = await printerOverPty({ driver: { replyTimeoutMs: 300 } });
    rig.sim.dispose();
    await expect(rig.clock.run(rig.driver.refreshStatus())).rejects.toMatchObject({ code: 'timeout' });
    expect(rig.driver.status.current.health).toBe('noDevice');
    const job = rig.driver.submit(acceptanceReceipt(), { key: 'SL-8' });
    expect(await settled(rig, job.id, ['failed', 'held'])).toMatchObject({
      state: 'failed',
      reason: 'timeout',
    });
  });
});
