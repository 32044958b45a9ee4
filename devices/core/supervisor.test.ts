import { describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { memoryPair } from '../transports/memory';
import { MemoryLogger } from './logger';
import { LinkSupervisor, type LinkState } from './supervisor';

const noJitter = () => 0.5;

function supervised(opts: { initialBackoffMs: number; maxBackoffMs: number; debounceMs: number }) {
  const [dev] = memoryPair();
  const clock = testClock();
  const log = new MemoryLogger();
  const states: LinkState[] = [];
  let connects = 0;
  const sup = new LinkSupervisor(
    dev,
    { ...opts, random: noJitter },
    log,
    () => {
      connects++;
      return Promise.resolve();
    },
    clock,
  );
  sup.onState((s) => states.push(s));
  return { dev, clock, log, states, sup, connects: () => connects };
}

describe('LinkSupervisor', () => {
  it('reconnects after an unplug and does not report a blip shorter than the debounce as lost', async () => {
    const { dev, clock, states, sup, connects } = supervised({
      initialBackoffMs: 10,
      maxBackoffMs: 40,
      debounceMs: 500,
    });
    sup.start();
    await clock.until(() => sup.state === 'connected');
    dev.present = false;
    dev.unplug();
    // Away for 60 ms of the 500 ms debounce: the retries at 10 and 30 ms fail, nothing is reported lost.
    await clock.advance(60);
    expect(sup.state).toBe('reconnecting');
    dev.present = true;
    await clock.until(() => connects() === 2);
    expect(clock.monotonic()).toBe(70);
    // The debounce timer went with the reconnect: a full debounce later nothing has changed.
    await clock.advance(1000);
    await sup.stop();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected', 'stopped']);
  });

  it('reports lost exactly when the device stays away for the debounce, then recovers', async () => {
    const { dev, clock, states, sup } = supervised({
      initialBackoffMs: 10,
      maxBackoffMs: 20,
      debounceMs: 50,
    });
    sup.start();
    await clock.until(() => sup.state === 'connected');
    dev.present = false;
    dev.unplug();
    await clock.advance(49);
    expect(sup.state).toBe('reconnecting');
    await clock.advance(1);
    expect(sup.state).toBe('lost');
    dev.present = true;
    await clock.until(() => sup.state === 'connected');
    await sup.stop();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'lost', 'connected', 'stopped']);
  });

  it('retries a failing open with doubling backoff up to the cap, and resets it after a connect', async () => {
    const { dev, clock, log, sup } = supervised({ initialBackoffMs: 5, maxBackoffMs: 20, debounceMs: 1000 });
    dev.present = false;
    const retries = () =>
      log.lines
        .filter((l) => l.event === 'link.openFailed' || l.event === 'link.closed')
        .map((l) => l.fields.retryInMs as number);
    sup.start();
    await clock.until(() => retries().length >= 5);
    expect(retries().slice(0, 5)).toEqual([5, 10, 20, 20, 20]);
    dev.present = true;
    await clock.until(() => sup.state === 'connected');
    dev.present = false;
    const before = retries().length;
    dev.unplug();
    await clock.until(() => retries().length >= before + 3);
    expect(retries().slice(before, before + 3)).toEqual([5, 10, 20]);
    await sup.stop();
  });

  it('spreads retries by ±20 % jitter so a hall of kiosks does not retry in step', async () => {
    const [dev] = memoryPair();
    dev.present = false;
    const clock = testClock();
    const opened: number[] = [];
    const open = dev.open.bind(dev);
    dev.open = (s) => (opened.push(clock.monotonic()), open(s));
    for (const [random, gap] of [
      [0, 80],
      [1, 120],
    ] as const) {
      opened.length = 0;
      const sup = new LinkSupervisor(
        dev,
        { initialBackoffMs: 100, maxBackoffMs: 100, debounceMs: 1000, random: () => random },
        new MemoryLogger(),
        undefined,
        clock,
      );
      sup.start();
      await clock.until(() => opened.length >= 3);
      await sup.stop();
      expect(opened[2]! - opened[1]!).toBe(gap);
    }
  });

  it('treats an I/O error, and a close it did not ask for, like a disconnect; only stop() ends supervision', async () => {
    const { dev, clock, log, sup, connects } = supervised({
      initialBackoffMs: 5,
      maxBackoffMs: 20,
      debounceMs: 1000,
    });
    sup.start();
    await clock.until(() => connects() === 1 && sup.state === 'connected');
    dev.fail(new Error('EIO'));
    await clock.until(() => connects() === 2 && sup.state === 'connected');
    expect(log.lines.find((l) => l.event === 'link.closed')?.fields).toMatchObject({
      reason: 'error',
      cause: 'EIO',
    });
    await dev.close();
    await clock.until(() => connects() === 3 && sup.state === 'connected');
    await sup.stop();
    expect(sup.state).toBe('stopped');
    // Nothing is left scheduled, and a minute later nothing has reopened the link.
    expect(clock.pending).toBe(0);
    await clock.advance(60_000);
    expect(connects()).toBe(3);
    expect(dev.isOpen).toBe(false);
  });
});
