import { describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { DeviceError, MemoryLogger } from '../core';
import { A4PrinterDriver } from './driver';
import { healthFromQueue } from './health';
import { SimulatedSpooler } from './simulator';

const PDF = new TextEncoder().encode('%PDF-1.7 test');

function setup(opts: { jobTimeoutMs?: number } = {}) {
  const clock = testClock();
  const sim = new SimulatedSpooler('SimA4', clock);
  const log = new MemoryLogger();
  const driver = new A4PrinterDriver(
    sim,
    { deviceId: 'a4', queue: 'SimA4', pollMs: 5, jobTimeoutMs: opts.jobTimeoutMs ?? 2000 },
    log,
    clock,
  );
  return { sim, driver, log, clock };
}

describe('A4PrinterDriver on the simulated spooler', () => {
  it('tracks a job to completed and goes back online', async () => {
    const { sim, driver, clock } = setup();
    const stop = sim.autoAdvance(5);
    try {
      const out = await clock.run(driver.print(PDF, { title: '参保证明', idempotencyKey: 'k1' }));
      expect(out).toEqual({ jobId: 'SimA4-1', state: 'completed', reused: false });
      expect(driver.status.current.health).toBe('online');
      expect(sim.submitted.map((j) => j.name)).toEqual(['参保证明 [k1]']);
    } finally {
      stop();
    }
  });

  it('does not resubmit a job with the same idempotency key', async () => {
    const { sim, driver, clock } = setup();
    const stop = sim.autoAdvance(5);
    try {
      await clock.run(driver.print(PDF, { title: 'a', idempotencyKey: 'same' }));
      const again = await clock.run(driver.print(PDF, { title: 'a', idempotencyKey: 'same' }));
      expect(again.reused).toBe(true);
      expect(sim.submitted).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('resubmits when the earlier job with the key was aborted', async () => {
    const { sim, driver, clock } = setup();
    sim.faults.abortNext = true;
    const stop = sim.autoAdvance(5);
    try {
      await expect(clock.run(driver.print(PDF, { title: 'a', idempotencyKey: 'k' }))).rejects.toMatchObject({
        code: 'hardware',
        detail: 'jobAborted',
      });
      const retry = await clock.run(driver.print(PDF, { title: 'a', idempotencyKey: 'k' }));
      expect(retry).toMatchObject({ jobId: 'SimA4-2', reused: false });
    } finally {
      stop();
    }
  });

  it('times out on paper out, reports paper out and cancels the stuck job', async () => {
    const { sim, driver, clock } = setup({ jobTimeoutMs: 100 });
    sim.faults.paperOut = true;
    const err = await clock.run(driver.print(PDF, { title: 'x' })).catch((e: unknown) => e);
    expect(clock.monotonic()).toBe(100);
    expect(err).toBeInstanceOf(DeviceError);
    expect(err).toMatchObject({ code: 'timeout', detail: 'printerOffline' });
    expect(driver.status.current).toMatchObject({
      health: 'offline',
      detail: { paper: 'out', activeJob: null },
    });
    expect(sim.submitted[0]?.state).toBe('canceled');
  });

  it('cancels the job when the caller gives up', async () => {
    const { sim, driver, clock } = setup();
    sim.faults.disabled = true;
    const ac = new AbortController();
    const printing = driver.print(PDF, { title: 'x' }, ac.signal);
    printing.catch(() => undefined);
    await clock.advance(30);
    ac.abort();
    await expect(clock.run(printing)).rejects.toMatchObject({ code: 'canceled' });
    expect(sim.submitted[0]?.state).toBe('canceled');
  });

  it('maps spooler failures to DeviceError codes and health', async () => {
    const { sim, driver, clock } = setup();
    sim.faults.rejecting = true;
    await expect(clock.run(driver.print(PDF, { title: 'x' }))).rejects.toMatchObject({
      code: 'rejected',
      detail: 'queueNotAccepting',
    });
    sim.faults.unreachable = true;
    await expect(clock.run(driver.print(PDF, { title: 'x' }))).rejects.toMatchObject({
      code: 'notConnected',
      detail: 'spoolerUnreachable',
    });
    expect((await driver.refreshStatus()).health).toBe('noDevice');
  });
});

describe('healthFromQueue', () => {
  const q = {
    queue: 'Q',
    accepting: true,
    enabled: true,
    state: 'idle' as const,
    reasons: [] as string[],
    message: '',
  };
  it.each([
    [{}, 'online', 'ok'],
    [{ enabled: false, reasons: ['paused'] }, 'offline', 'ok'],
    [{ accepting: false }, 'offline', 'ok'],
    [{ reasons: ['media-empty'] }, 'offline', 'out'],
    [{ reasons: ['media-low'] }, 'online', 'low'],
    [{ reasons: ['media-jam'] }, 'hardwareError', 'ok'],
  ] as const)('%j -> %s (paper %s)', (change, health, paper) => {
    const r = healthFromQueue(
      { ...q, ...change, reasons: [...((change as { reasons?: string[] }).reasons ?? [])] },
      null,
    );
    expect(r.health).toBe(health);
    expect(r.detail.paper).toBe(paper);
  });
  it('reports toner low without going offline, and busy while our job runs', () => {
    expect(healthFromQueue({ ...q, reasons: ['toner-low'] }, null).detail.toner).toBe('low');
    expect(healthFromQueue(q, 'Q-1').health).toBe('busy');
  });
});
