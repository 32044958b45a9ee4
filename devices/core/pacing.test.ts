import { describe, expect, it } from 'vitest';
import { memoryPair } from '../transports/memory';
import { pacedWrite, wireTimeMs } from './pacing';

describe('pacedWrite', () => {
  it('computes 8N1 wire time: 1295 bytes at 115200 baud take 112.4 ms', () => {
    expect(wireTimeMs(1295, 115200)).toBeCloseTo(112.41, 2);
    expect(wireTimeMs(1295, 9600)).toBeCloseTo(1348.96, 2);
  });

  // A lower bound only (a loaded machine can only make bytes later): no byte reaches the receiver
  // before a real UART would have finished sending it, not even the bytes of a short reply.
  it.each([
    [15, 9600],
    [81, 115200],
    [1295, 115200],
  ])('never delivers any of %i bytes at %i baud before their wire time', async (length, baud) => {
    const [a, b] = memoryPair();
    await a.open();
    await b.open();
    const arrivals: { at: number; total: number }[] = [];
    let total = 0;
    b.onData((chunk) => {
      total += chunk.length;
      arrivals.push({ at: performance.now(), total });
    });
    const started = performance.now();
    await pacedWrite(a, new Uint8Array(length).fill(0x55), baud);
    await new Promise((r) => setImmediate(r));
    expect(total).toBe(length);
    for (const { at, total: n } of arrivals) expect(at - started).toBeGreaterThanOrEqual(wireTimeMs(n, baud));
  });

  it('stops when its signal aborts', async () => {
    const [a, b] = memoryPair();
    await a.open();
    await b.open();
    let received = 0;
    b.onData((c) => (received += c.length));
    const ac = new AbortController();
    const writing = pacedWrite(a, new Uint8Array(1000), 9600, { signal: ac.signal });
    setTimeout(() => ac.abort(new Error('stop')), 50);
    await expect(writing).rejects.toThrow('stop');
    expect(received).toBeLessThan(1000);
  });
});
