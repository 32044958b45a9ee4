import { describe, expect, it } from 'vitest';
import { testClock } from '../../tests/helpers/clock';
import { memoryPair } from '../transports/memory';
import { pacedWrite, wireTimeMs } from './pacing';

describe('pacedWrite', () => {
  it('computes 8N1 wire time: 1295 bytes at 115200 baud take 112.4 ms', () => {
    expect(wireTimeMs(1295, 115200)).toBeCloseTo(112.41, 2);
    expect(wireTimeMs(1295, 9600)).toBeCloseTo(1348.96, 2);
  });

  // On the test clock each chunk is handed over at exactly the moment its last byte would have
  // left a real UART: never before (a receiver never sees a byte early), and not later either.
  it.each([
    [15, 9600],
    [81, 115200],
    [1295, 115200],
  ])('delivers %i bytes at %i baud chunk by chunk at their wire time', async (length, baud) => {
    const clock = testClock();
    const [a, b] = memoryPair();
    await a.open();
    await b.open();
    const arrivals: { at: number; total: number }[] = [];
    let total = 0;
    b.onData((chunk) => {
      total += chunk.length;
      arrivals.push({ at: clock.monotonic(), total });
    });
    await clock.run(pacedWrite(a, new Uint8Array(length).fill(0x55), baud, { clock }));
    await clock.settle();
    expect(total).toBe(length);
    expect(arrivals.length).toBe(Math.ceil(length / 32));
    for (const { at, total: n } of arrivals) expect(at).toBeCloseTo(wireTimeMs(n, baud), 9);
  });

  it('stops when its signal aborts', async () => {
    const clock = testClock();
    const [a, b] = memoryPair();
    await a.open();
    await b.open();
    let received = 0;
    b.onData((c) => (received += c.length));
    const ac = new AbortController();
    const writing = pacedWrite(a, new Uint8Array(1000), 9600, { signal: ac.signal, clock });
    writing.catch(() => undefined);
    await clock.advance(50);
    ac.abort(new Error('stop'));
    await expect(writing).rejects.toThrow('stop');
    await clock.settle();
    // 50 ms at 9600 baud carry 48 bytes: one whole 32-byte chunk had left.
    expect(received).toBe(32);
  });
});
