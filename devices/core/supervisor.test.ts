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
});
