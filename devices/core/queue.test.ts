import { describe, expect, it } from 'vitest';
import { sleep } from './abort';
import { CommandQueue } from './queue';

describe('CommandQueue', () => {
  it('runs one command at a time, in order', async () => {
    const q = new CommandQueue({ deviceId: 'd1', defaultTimeoutMs: 1000 });
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      q.run('a', task('a', 20)),
      q.run('b', task('b', 1)),
      q.run('c', task('c', 5)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('maps a passed deadline to a timeout DeviceError and moves on to the next command', async () => {
    const q = new CommandQueue({ deviceId: 'd1', defaultTimeoutMs: 1000 });
    const slow = q.run('slow', (signal) => sleep(10_000, signal), { timeoutMs: 30 });
    const next = q.run('next', () => Promise.resolve('ok'));
    await expect(slow).rejects.toMatchObject({
      name: 'DeviceError',
      code: 'timeout',
      where: { command: 'slow' },
    });
    await expect(next).resolves.toBe('ok');
  });

  it('reports a caller abort as canceled, and never starts a command canceled while queued', async () => {
    const q = new CommandQueue({ deviceId: 'd1', defaultTimeoutMs: 1000 });
    const controller = new AbortController();
    let secondStarted = false;
    const first = q.run('first', (signal) => sleep(10_000, signal), { signal: controller.signal });
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
