import { sleep, systemClock, type Clock } from './clock';
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
  opts: { signal?: AbortSignal; chunkBytes?: number; clock?: Clock; precise?: boolean } = {},
): Promise<void> {
  const clock = opts.clock ?? systemClock;
  const chunk = opts.chunkBytes ?? 32;
  const started = clock.monotonic();
  for (let off = 0; off < bytes.length; off += chunk) {
    const part = bytes.subarray(off, Math.min(bytes.length, off + chunk));
    const last = off + part.length >= bytes.length;
    const due = started + wireTimeMs(off + part.length, baudRate);
    await waitUntil(due, clock, opts.signal, last && opts.precise === true);
    await transport.write(part, opts.signal);
  }
}

/**
 * Waits until `due` on `clock`'s monotonic time, never returning early. System timers have
 * millisecond granularity and fire late; with `precise` (system clock only), the last millisecond is
 * spent yielding to the event loop (setImmediate, so I/O still runs) instead, which ends within a few
 * tens of microseconds of `due`. A manual clock lands on `due` exactly.
 */
export async function waitUntil(
  due: number,
  clock: Clock,
  signal?: AbortSignal,
  precise = false,
): Promise<void> {
  const spin = precise && clock === systemClock;
  const coarseUntil = spin ? due - 1 : due;
  for (let wait = coarseUntil - clock.monotonic(); wait > 0; wait = coarseUntil - clock.monotonic())
    await sleep(spin ? Math.max(1, Math.floor(wait)) : wait, signal, clock);
  while (clock.monotonic() < due) {
    signal?.throwIfAborted();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
