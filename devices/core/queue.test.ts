import { describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { sleep } from './clock';
import { CommandQueue } from './queue';

describe('CommandQueue', () => {
  it('runs one command at a time, in order', async () => {
    const clock = testClock();
    const q = new CommandQueue({ deviceId: 'd1', defaultTimeoutMs: 1000, clock });
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name} @${clock.monotonic()}`);
      await sleep(ms, undefined, clock);
      log.push(`end ${name} @${clock.monotonic()}`);
      return name;
    };
    const results = await clock.run(
      Promise.all([q.run('a', task('a', 20)), q.run('b', task('b', 1)), q.run('c', task('c', 5))]),
    );
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a @0', 'end a @20', 'start b @20', 'end b @21', 'start c @21', 'end c @26']);
  });

  it('maps a passed deadline to a timeout DeviceError at exactly its time, and moves on', async () => {
    const clock = testClock();
    const q = new CommandQueue({ deviceId: 'd1', defaultTimeoutMs: 1000, clock });
    const slow = q.run('slow', (signal) => sleep(10_000, signal, clock), { timeoutMs: 30 });
    const next = q.run('next', () => Promise.resolve(clock.monotonic()));
    await expect(clock.run(slow)).rejects.toMatchObject({
      name: 'DeviceError',
      code: 'timeout',
      where: { command: 'slow' },
    });
    await expect(next).resolves.toBe(30);
    // The abandoned sleep went with its signal: nothing is left to fire.
    expect(clock.pending).toBe(0);
  });

  it('reports a caller abort as canceled, and never starts a command canceled while queued', async () => {
    const clock = testClock();
    const q = new CommandQueue({ deviceId: 'd1', defaultTimeoutMs: 1000, clock });
    const controller = new AbortController();
    let secondStarted = false;
    const first = q.run('first', (signal) => sleep(10_000, signal, clock), { signal: controller.signal });
    const second = q.run(
      'second',
      () => {
        secondStarted = true;
        return Promise.resolve();
      },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(first).rejects.toMatchObject({ code: 'canceled' });
    await expect(second).rejects.toMatchObject({ code: 'canceled' });
    expect(secondStarted).toBe(false);
  });

  it('wraps an unexpected exception as a protocol DeviceError with its cause', async () => {
    const q = new CommandQueue({ deviceId: 'd1', defaultTimeoutMs: 1000 });
    const err = await q.run('x', () => Promise.reject(new RangeError('boom'))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'protocol', where: { deviceId: 'd1', command: 'x' } });
    expect((err as Error).cause).toBeInstanceOf(RangeError);
  });

  it('leaves no listener on a long-lived caller signal once commands settle', async () => {
    const q = new CommandQueue({ deviceId: 'd1', defaultTimeoutMs: 60_000 });
    const background = new AbortController();
    let listeners = 0;
    const add = background.signal.addEventListener.bind(background.signal);
    const remove = background.signal.removeEventListener.bind(background.signal);
    background.signal.addEventListener = (...a: Parameters<typeof add>) => (listeners++, add(...a));
    background.signal.removeEventListener = (...a: Parameters<typeof remove>) => (listeners--, remove(...a));
    for (let i = 0; i < 50; i++) await q.run('poll', () => Promise.resolve(i), { signal: background.signal });
    expect(listeners).toBe(0);
  });
});
