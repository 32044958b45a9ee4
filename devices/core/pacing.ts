import { sleep } from './abort';
import type { Transport } from './transport';

/** Milliseconds of wire time for `bytes` at `baudRate` with 8N1 framing (10 bits per byte). */
export const wireTimeMs = (bytes: number, baudRate: number): number => (bytes * 10 * 1000) / baudRate;

/**
 * Writes `bytes` no faster than a real UART at `baudRate` would carry them. A pty forwards bytes
 * instantly, so simulators use this to make benchmarks and timeouts see real wire time. Each chunk is
 * handed over when its last byte would have arrived on a real line (a receiver never sees a byte
 * early), on an absolute schedule from the first byte so timer jitter does not accumulate. Timers
 * fire up to a millisecond or so late; `precise` trims that from the last chunk (the one that
 * completes a frame) at the cost of yielding in a loop for up to 1 ms, for benchmarks.
 */
export async function pacedWrite(
  transport: Transport,
  bytes: Uint8Array,
  baudRate: number,
  opts: { signal?: AbortSignal; chunkBytes?: number; now?: () => number; precise?: boolean } = {},
): Promise<void> {
  const now = opts.now ?? (() => performance.now());
  const chunk = opts.chunkBytes ?? 32;
  const started = now();
  for (let off = 0; off < bytes.length; off += chunk) {
    const part = bytes.subarray(off, Math.min(bytes.length, off + chunk));
    const last = off + part.length >= bytes.length;
    const due = started + wireTimeMs(off + part.length, baudRate);
    await waitUntil(due, now, opts.signal, last && opts.precise === true);
    await transport.write(part, opts.signal);
  }
}

/**
 * Waits until `due` on the `now` clock, never returning early. Timers have millisecond granularity
 * and fire late; with `precise`, the last millisecond is spent yielding to the event loop
 * (setImmediate, so I/O still runs) instead, which ends within a few tens of microseconds of `due`.
 */
export async function waitUntil(
  due: number,
  now: () => number,
  signal?: AbortSignal,
  precise = false,
): Promise<void> {
  const coarseUntil = precise ? due - 1 : due;
  for (let wait = coarseUntil - now(); wait > 0; wait = coarseUntil - now())
    await sleep(Math.max(1, Math.floor(wait)), signal);
  while (now() < due) {
    signal?.throwIfAborted();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
