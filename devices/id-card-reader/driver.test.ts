import { afterEach, describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { MemoryLogger } from '../core';
import { memoryPair, type MemoryEnd } from '../transports/memory';
import { checks, snapshot } from './diagnostics';
import { IdCardReaderDriver, type IdCardReaderConfig } from './driver';
import { SAMPLE_CARD_NAMES } from './manifest';
import { IdCardReaderSimulator } from './simulator';
import { SAMPLE_CARDS, samplePhotoWlt } from './simulator/sample-cards';

// Driver against its simulator over an in-memory pair (fast paths and options); the same over real
// ptys, with every fault and unplug/replug, lives in tests/integration/id-card-reader.
let driver: IdCardReaderDriver | undefined;
afterEach(async () => {
  await driver?.stop();
  driver = undefined;
});

function setup(opts: Partial<IdCardReaderConfig> & { logger?: MemoryLogger } = {}) {
  const [hostEnd, simEnd] = memoryPair('idcard');
  const clock = testClock();
  const sim = new IdCardReaderSimulator({ baudRate: 1_000_000, rfReadDelayMs: 1, clock });
  const commands: string[] = [];
  sim.events.on('command', ({ name }) => commands.push(name));
  const attachSim = async (end: MemoryEnd) => {
    await end.open();
    sim.attach(end);
  };
  const { logger, ...config } = opts;
  driver = new IdCardReaderDriver(
    hostEnd,
    {
      deviceId: 'idcard-unit',
      supervisor: { initialBackoffMs: 10, maxBackoffMs: 50, debounceMs: 1000 },
      ...config,
    },
    logger,
    clock,
  );
  const d = driver;
  const online = () =>
    new Promise((res) => {
      if (d.status.current.health === 'online') return res(d.status.current);
      d.status.subscribe((s) => s.health === 'online' && res(s));
    });
  return { d, sim, hostEnd, simEnd, commands, attachSim, clock, online };
}

const fingerprint = Buffer.from(new Uint8Array(1024).fill(7)).toString('base64');

describe('the manifest', () => {
  it('names the sample cards the simulator has, no more and no fewer', () => {
    expect([...SAMPLE_CARD_NAMES].sort()).toEqual(Object.keys(SAMPLE_CARDS).sort());
  });
});

describe('IdCardReaderDriver over a memory link', () => {
  it('reports noDevice, then online with SAM ID after the probe on a fixed-rate link', async () => {
    const { d, simEnd, attachSim, clock, online } = setup();
    expect(d.status.current.health).toBe('noDevice');
    await attachSim(simEnd);
    d.start();
    await expect(clock.run(online())).resolves.toMatchObject({
      detail: { baudRate: null, samId: '05.01-20240101-1234567890-0987654321', card: 'absent' },
    });
  });

  it('reads fingerprints with 30 10 when configured and hands them out beside the record', async () => {
    const { d, sim, simEnd, attachSim, commands, clock } = setup({ readFingerprint: true });
    await attachSim(simEnd);
    sim.placeCard({ ...SAMPLE_CARDS.resident, fingerprint });
    d.start();
    const ev = await clock.run(d.events.next('cardRead'));
    expect(ev.fingerprint).toEqual(new Uint8Array(1024).fill(7));
    expect(ev.record).not.toHaveProperty('fingerprint');
    expect(commands).toContain('readBaseWithFingerprint');
    expect(commands).not.toContain('readBase');
  });

  it('falls back to 30 01 when the card has no fingerprint (SW3 91)', async () => {
    const { d, sim, simEnd, attachSim, commands, clock } = setup({ readFingerprint: true });
    await attachSim(simEnd);
    sim.placeCard(SAMPLE_CARDS.resident);
    d.start();
    const ev = await clock.run(d.events.next('cardRead'));
    expect(ev.fingerprint).toBeUndefined();
    expect(ev.record.name).toBe('张三');
    const i = commands.indexOf('readBaseWithFingerprint');
    expect(commands.slice(i, i + 3)).toEqual(['readBaseWithFingerprint', 'readBase', 'readExtraAddress']);
  });

  it('skips 30 03 when extra addresses are turned off', async () => {
    const { d, sim, simEnd, attachSim, commands, clock } = setup({ readExtraAddress: false });
    await attachSim(simEnd);
    sim.placeCard(SAMPLE_CARDS.residentWithExtraAddress);
    d.start();
    const r = await clock.run(d.readOnce({ timeoutMs: 3000 }));
    expect(r.extraAddress).toBeUndefined();
    expect(commands).not.toContain('readExtraAddress');
  });

  it('returns the record of a card already read and still on the reader', async () => {
    const { d, sim, simEnd, attachSim, commands, clock } = setup();
    await attachSim(simEnd);
    sim.placeCard(SAMPLE_CARDS.resident);
    d.start();
    const first = await clock.run(d.readOnce({ timeoutMs: 3000 }));
    const reads = commands.filter((c) => c === 'readBase').length;
    await expect(d.readOnce({ timeoutMs: 100 })).resolves.toBe(first);
    expect(commands.filter((c) => c === 'readBase').length).toBe(reads);
  });

  it('polls at the standby cadence while nobody waits for a card, and wakes when a read is asked for', async () => {
    const { d, sim, simEnd, attachSim, commands, clock } = setup({ standbyPollMs: 60_000 });
    await attachSim(simEnd);
    d.start();
    const finds = () => commands.filter((c) => c === 'findCard').length;
    await clock.until(() => finds() === 1);
    // The first find's answer ("no card") comes back within a few ms; then the standby pause starts.
    await clock.advance(10);
    expect(clock.pending).toBe(1);
    const pauseStarted = clock.monotonic() + clock.pendingDelays()[0]! - 60_000;
    sim.placeCard(SAMPLE_CARDS.resident);
    await clock.advance(59_980);
    // Still inside the first standby pause: the placed card has not been found yet.
    expect(finds()).toBe(1);
    expect(d.card).toBe('absent');
    await clock.advance(20);
    expect(finds()).toBe(2);
    await clock.until(() => d.card === 'read');
    // Lifted, then placed again while a screen waits: the read does not wait out the standby pause.
    sim.removeCard();
    await clock.until(() => d.card === 'absent');
    sim.placeCard(SAMPLE_CARDS.resident);
    const asked = clock.monotonic();
    await expect(clock.run(d.readOnce({ timeoutMs: 3000 }))).resolves.toMatchObject({ name: '张三' });
    expect(clock.monotonic() - asked).toBeLessThan(50);
    expect(asked - pauseStarted).toBeGreaterThanOrEqual(60_000);
  });

  it('honours the caller’s abort with a canceled DeviceError', async () => {
    const { d, simEnd, attachSim } = setup();
    await attachSim(simEnd);
    d.start();
    const ac = new AbortController();
    const p = d.readOnce({ timeoutMs: 5000, signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'DeviceError', code: 'canceled' });
  });

  it('re-reads the card after the link comes back', async () => {
    const { d, sim, simEnd, attachSim, clock } = setup();
    await attachSim(simEnd);
    sim.placeCard(SAMPLE_CARDS.hkmotw);
    d.start();
    await clock.run(d.readOnce({ timeoutMs: 3000 }));
    const again = d.events.next('cardRead');
    simEnd.unplug();
    await attachSim(simEnd);
    await expect(clock.run(again)).resolves.toMatchObject({
      record: { cardType: 'hkmotw', passNumber: 'H12345678' },
    });
  });

  it('reports a reader that stops answering on an open port, re-probes, and resumes', async () => {
    const { d, sim, simEnd, clock, online } = setup({ timeouts: { findCard: 50, samStatus: 50 } });
    await simEnd.open();
    const detach = sim.attach(simEnd);
    d.start();
    await clock.run(online());
    const silent = d.events.next('error');
    detach();
    const quietFrom = clock.monotonic();
    await expect(clock.run(silent)).resolves.toMatchObject({
      error: { code: 'notConnected', detail: 'readerSilent' },
    });
    // Three unanswered finds (50 ms each, plus the standby pauses between them) make it silent.
    expect(clock.monotonic() - quietFrom).toBeLessThanOrEqual(3 * 50 + 2 * 250);
    expect(d.status.current.health).toBe('noDevice');
    sim.attach(simEnd);
    sim.placeCard(SAMPLE_CARDS.resident);
    await expect(clock.run(d.readOnce({ timeoutMs: 4000 }))).resolves.toMatchObject({ name: '张三' });
    expect(d.status.current.health).toBe('online');
  });

  it('logs a repeating read failure once and backs off its retries', async () => {
    const log = new MemoryLogger();
    const { d, sim, simEnd, attachSim, clock } = setup({ logger: log, retryDelayMs: 50 });
    await attachSim(simEnd);
    sim.setFault('readFail', true);
    sim.placeCard(SAMPLE_CARDS.resident);
    const errors: number[] = [];
    d.events.on('error', ({ at }) => errors.push(at));
    d.start();
    await clock.until(() => errors.length === 1);
    await clock.advance(2000);
    expect(log.lines.filter((l) => l.event === 'card.readFailed')).toHaveLength(1);
    // 50, 100, 200, 400, 500, 500 ms … between attempts (each attempt adds its own few ms of
    // find, select and RF read): a handful in two seconds, not one every 50 ms.
    const gaps = errors.slice(1).map((t, i) => t - errors[i]!);
    const backoff = [50, 100, 200, 400, 500, 500];
    expect(gaps.length).toBe(backoff.length);
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(backoff[i]!);
      expect(gap).toBeLessThan(backoff[i]! + 10);
    });
  });

  it('runs the technician checks: link and a fresh SAM self-test', async () => {
    const { d, simEnd, attachSim, clock, online } = setup();
    const operator = { patienceMs: 60_000, ask: () => Promise.resolve() };
    const before = await clock.run(
      Promise.all(checks.slice(0, 2).map((c) => c.run({ device: d, operator }))),
    );
    expect(before.map((o) => o.outcome)).toEqual(['fail', 'fail']);
    await attachSim(simEnd);
    d.start();
    await clock.run(online());
    const after = await clock.run(Promise.all(checks.slice(0, 2).map((c) => c.run({ device: d, operator }))));
    expect(after).toEqual([
      { outcome: 'pass', data: { health: 'online', baudRate: null } },
      { outcome: 'pass', data: { samId: '05.01-20240101-1234567890-0987654321' } },
    ]);
    expect(snapshot(d)).toMatchObject({ health: 'online', detail: { card: 'absent' } });
  });

  it('decodes photos only through an injected WLT decoder', async () => {
    const { d } = setup();
    const record = { ...SAMPLE_CARDS.resident, idNumberValid: true, photoWlt: samplePhotoWlt(9) };
    await expect(d.decodePhoto(record)).rejects.toMatchObject({
      code: 'unsupported',
      detail: 'wltDecoderMissing',
    });
    const seen: number[] = [];
    const withDecoder = new IdCardReaderDriver(memoryPair()[0], {
      deviceId: 'x',
      wltDecoder: {
        decode: (wlt) => {
          seen.push(wlt.length);
          return Promise.resolve({ width: 102, height: 126, rgb: new Uint8Array(102 * 126 * 3) });
        },
      },
    });
    await expect(withDecoder.decodePhoto(record)).resolves.toMatchObject({ width: 102, height: 126 });
    expect(seen).toEqual([1024]);
  });
});
