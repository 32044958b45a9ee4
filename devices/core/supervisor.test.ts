import { describe, expect, it } from 'vitest';
import { memoryPair } from '../transports/memory';
import { MemoryLogger } from './logger';
import { LinkSupervisor, type LinkState } from './supervisor';

const waitFor = async (cond: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('LinkSupervisor', () => {
  it('reconnects after an unplug and does not report a blip shorter than the debounce as lost', async () => {
    const [dev] = memoryPair();
    const states: LinkState[] = [];
    let connects = 0;
    const sup = new LinkSupervisor(
      dev,
      { initialBackoffMs: 10, maxBackoffMs: 40, debounceMs: 500 },
      new MemoryLogger(),
      () => {
        connects++;
        return Promise.resolve();
      },
    );
    sup.onState((s) => states.push(s));
    sup.start();
    await waitFor(() => sup.state === 'connected');
    dev.present = false;
    dev.unplug();
    await new Promise((r) => setTimeout(r, 60));
    dev.present = true;
    await waitFor(() => connects === 2);
    await sup.stop();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected', 'stopped']);
  });

  it('reports lost when the device stays away longer than the debounce, then recovers', async () => {
    const [dev] = memoryPair();
    const states: LinkState[] = [];
    const sup = new LinkSupervisor(
      dev,
      { initialBackoffMs: 10, maxBackoffMs: 20, debounceMs: 50 },
      new MemoryLogger(),
    );
    sup.onState((s) => states.push(s));
    sup.start();
    await waitFor(() => sup.state === 'connected');
    dev.present = false;
    dev.unplug();
    await waitFor(() => sup.state === 'lost');
    dev.present = true;
    await waitFor(() => sup.state === 'connected');
    await sup.stop();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'lost', 'connected', 'stopped']);
  });

  it('retries a failing open with doubling backoff up to the cap, and resets it after a connect', async () => {
    const [dev] = memoryPair();
    dev.present = false;
    const log = new MemoryLogger();
    const sup = new LinkSupervisor(dev, { initialBackoffMs: 5, maxBackoffMs: 20, debounceMs: 1000 }, log);
    const retries = () =>
      log.lines
        .filter((l) => l.event === 'link.openFailed' || l.event === 'link.closed')
        .map((l) => l.fields.retryInMs as number);
    sup.start();
    await waitFor(() => retries().length >= 5);
    expect(retries().slice(0, 5)).toEqual([5, 10, 20, 20, 20]);
    dev.present = true;
    await waitFor(() => sup.state === 'connected');
    dev.present = false;
    const before = retries().length;
    dev.unplug();
    await waitFor(() => retries().length >= before + 3);
    expect(retries().slice(before, before + 3)).toEqual([5, 10, 20]);
    await sup.stop();
  });

  it('treats an I/O error, and a close it did not ask for, like a disconnect; only stop() ends supervision', async () => {
    const [dev] = memoryPair();
    const log = new MemoryLogger();
    let connects = 0;
    const sup = new LinkSupervisor(
      dev,
      { initialBackoffMs: 5, maxBackoffMs: 20, debounceMs: 1000 },
      log,
      () => {
        connects++;
        return Promise.resolve();
      },
    );
    sup.start();
    await waitFor(() => connects === 1 && sup.state === 'connected');
    dev.fail(new Error('EIO'));
    await waitFor(() => connects === 2 && sup.state === 'connected');
    expect(log.lines.find((l) => l.event === 'link.closed')?.fields).toMatchObject({
      reason: 'error',
      cause: 'EIO',
    });
    await dev.close();
    await waitFor(() => connects === 3 && sup.state === 'connected');
    await sup.stop();
    expect(sup.state).toBe('stopped');
    await new Promise((r) => setTimeout(r, 50));
    expect(connects).toBe(3);
    expect(dev.isOpen).toBe(false);
  });
});
