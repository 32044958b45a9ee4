import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../core';
import { memoryPair, type MemoryEnd } from '../transports/memory';
import { checks, snapshot } from './diagnostics';
import { IdCardReaderDriver, type IdCardReaderOptions } from './driver';
import { IdCardReaderSimulator } from './simulator';
import { SAMPLE_CARDS, samplePhotoWlt } from './simulator/sample-cards';

// Driver against its simulator over an in-memory pair (fast paths and options); the same over real
// ptys, with every fault and unplug/replug, lives in tests/integration/id-card-reader.
let driver: IdCardReaderDriver | undefined;
afterEach(async () => {
  await driver?.stop();
  driver = undefined;
});

function setup(opts: Partial<IdCardReaderOptions> = {}) {
  const [hostEnd, simEnd] = memoryPair('idcard');
  const sim = new IdCardReaderSimulator({ baudRate: 1_000_000, rfReadDelayMs: 1 });
  const commands: string[] = [];
  sim.events.on('command', ({ name }) => commands.push(name));
  const attachSim = async (end: MemoryEnd) => {
    await end.open();
    sim.attach(end);
  };
  driver = new IdCardReaderDriver(hostEnd, {
    deviceId: 'idcard-unit',
    supervisor: { initialBackoffMs: 10, maxBackoffMs: 50, debounceMs: 1000 },
    ...opts,
  });
  return { d: driver, sim, hostEnd, simEnd, commands, attachSim };
}

const fingerprint = Buffer.from(new Uint8Array(1024).fill(7)).toString('base64');

describe('IdCardReaderDriver over a memory link', () => {
  it('reports noDevice, then online with SAM ID after the probe on a fixed-rate link', async () => {
    const { d, simEnd, attachSim } = setup();
    expect(d.status.current.health).toBe('noDevice');
    await attachSim(simEnd);
    d.start();
    const online = new Promise((res) => d.status.subscribe((s) => s.health === 'online' && res(s)));
    await expect(online).resolves.toMatchObject({
      detail: { baudRate: null, samId: '05.01-20240101-1234567890-0987654321', card: 'absent' },
    });
  });

  it('reads fingerprints with 30 10 when configured and hands them out beside the record', async () => {
    const { d, sim, simEnd, attachSim, commands } = setup({ readFingerprint: true });
    await attachSim(simEnd);
    sim.placeCard({ ...SAMPLE_CARDS.resident, fingerprint });
    d.start();
    const ev = await d.events.next('card-read', AbortSignal.timeout(3000));
    expect(ev.fingerprint).toEqual(new Uint8Array(1024).fill(7));
    expect(ev.record).not.toHaveProperty('fingerprint');
    expect(commands).toContain('readBaseWithFingerprint');
    expect(commands).not.toContain('readBase');
  });

  it('falls back to 30 01 when the card has no fingerprint (SW3 91)', async () => {
    const { d, sim, simEnd, attachSim, commands } = setup({ readFingerprint: true });
    await attachSim(simEnd);
    sim.placeCard(SAMPLE_CARDS.resident);
    d.start();
    const ev = await d.events.next('card-read', AbortSignal.timeout(3000));
    expect(ev.fingerprint).toBeUndefined();
    expect(ev.record.name).toBe('张三');
    const i = commands.indexOf('readBaseWithFingerprint');
    expect(commands.slice(i, i + 3)).toEqual(['readBaseWithFingerprint', 'readBase', 'readExtraAddress']);
  });

  it('skips 30 03 when extra addresses are turned off', async () => {
    const { d, sim, simEnd, attachSim, commands } = setup({ readExtraAddress: false });
    await attachSim(simEnd);
    sim.placeCard(SAMPLE_CARDS.residentWithExtraAddress);
    d.start();
    const r = await d.readOnce({ timeoutMs: 3000 });
    expect(r.extraAddress).toBeUndefined();
    expect(commands).not.toContain('readExtraAddress');
  });

  it('returns the record of a card already read and still on the reader', async () => {
    const { d, sim, simEnd, attachSim, commands } = setup();
    await attachSim(simEnd);
    sim.placeCard(SAMPLE_CARDS.resident);
    d.start();
    const first = await d.readOnce({ timeoutMs: 3000 });
    const reads = commands.filter((c) => c === 'readBase').length;
    await expect(d.readOnce({ timeoutMs: 100 })).resolves.toBe(first);
    expect(commands.filter((c) => c === 'readBase').length).toBe(reads);
  });

  it('polls at the standby cadence while nobody waits for a card, and wakes when a read is asked for', async () => {
    const { d, sim, simEnd, attachSim, commands } = setup({ standbyPollMs: 60_000 });
    await attachSim(simEnd);
    d.start();
    const finds = () => commands.filter((c) => c === 'findCard').length;
    while (finds() === 0) await new Promise((res) => setTimeout(res, 5));
    sim.placeCard(SAMPLE_CARDS.resident);
    await new Promise((res) => setTimeout(res, 200));
    // Still inside the first standby pause: the placed card has not been found yet.
    expect(finds()).toBe(1);
    expect(d.card).toBe('absent');
    await expect(d.readOnce({ timeoutMs: 3000 })).resolves.toMatchObject({ name: '张三' });
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
    const { d, sim, simEnd, attachSim } = setup();
    await attachSim(simEnd);
    sim.placeCard(SAMPLE_CARDS.hkmotw);
    d.start();
    await d.readOnce({ timeoutMs: 3000 });
    const again = d.events.next('card-read', AbortSignal.timeout(3000));
    simEnd.unplug();
    await attachSim(simEnd);
    await expect(again).resolves.toMatchObject({ record: { cardType: 'hkmotw', passNumber: 'H12345678' } });
  });

  it('reports a reader that stops answering on an open port, re-probes, and resumes', async () => {
    const { d, sim, simEnd } = setup({ timeouts: { findCard: 50, samStatus: 50 } });
    await simEnd.open();
    const detach = sim.attach(simEnd);
    const online = new Promise((res) => d.status.subscribe((st) => st.health === 'online' && res(st)));
    d.start();
    await online;
    const silent = d.events.next('error', AbortSignal.timeout(3000));
    detach();
    await expect(silent).resolves.toMatchObject({ error: { code: 'notConnected', detail: 'readerSilent' } });
    expect(d.status.current.health).toBe('noDevice');
    sim.attach(simEnd);
    sim.placeCard(SAMPLE_CARDS.resident);
    await expect(d.readOnce({ timeoutMs: 4000 })).resolves.toMatchObject({ name: '张三' });
    expect(d.status.current.health).toBe('online');
  });

  it('logs a repeating read failure once and backs off its retries', async () => {
    const log = new MemoryLogger();
    const { d, sim, simEnd, attachSim } = setup({ logger: log, retryDelayMs: 50 });
    await attachSim(simEnd);
    sim.setFault('readFail', true);
    sim.placeCard(SAMPLE_CARDS.resident);
    const errors: number[] = [];
    d.events.on('error', ({ at }) => errors.push(at));
    d.start();
    await new Promise((res) => setTimeout(res, 1200));
    expect(log.lines.filter((l) => l.event === 'card.readFailed')).toHaveLength(1);
    // 50, 100, 200, 400, 500 ms … between attempts: a handful, not one every 50 ms.
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.length).toBeLessThanOrEqual(7);
    const gaps = errors.slice(1).map((t, i) => t - errors[i]!);
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]!);
  });

  it('runs the technician checks: link and a fresh SAM self-test', async () => {
    const { d, simEnd, attachSim } = setup();
    const before = await Promise.all(checks.map((c) => c.run({ driver: d })));
    expect(before.map((o) => o.outcome)).toEqual(['fail', 'fail']);
    await attachSim(simEnd);
    const online = new Promise((res) => d.status.subscribe((st) => st.health === 'online' && res(st)));
    d.start();
    await online;
    const after = await Promise.all(checks.map((c) => c.run({ driver: d })));
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
