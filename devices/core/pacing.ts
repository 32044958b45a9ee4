import { sleep } from './abort';
import type { Transport } from './transport';

/** Milliseconds of wire time for `bytes` at `baudRate` with 8N1 framing (10 bits per byte). */
export const wireTimeMs = (bytes: number, baudRate: number): number => (bytes * 10 * 1000) / baudRate;

/**
 * Writes `bytes` no faster than a real UART at `baudRate` would carry them. A pty forwards bytes
 * instantly, so simulators use this to make benchmarks and timeouts see real wire time. Each chunk is
 * handed over when its last byte would have arrived on a real line (a receiver never sees a byte
 * early), on an absolute schedule from the first byte so timer jitter does not accumulate.
 */
export async function pacedWrite(
  transport: Transport,
  bytes: Uint8Array,
  baudRate: number,
  opts: { signal?: AbortSignal; chunkBytes?: number; now?: () => number } = {},
): Promise<void> {
  const now = opts.now ?? (() => performance.now());
  const chunk = opts.chunkBytes ?? 32;
  const started = now();
  for (let off = 0; off < bytes.length; off += chunk) {
    const part = bytes.subarray(off, Math.min(bytes.length, off + chunk));
    await waitUntil(started + wireTimeMs(off + part.length, baudRate), now, opts.signal);
    await transport.write(part, opts.signal);
  }
}

/** Sleeps until `due` on the `now` clock; timers may fire a fraction of a millisecond early, so it re-checks. */
export async function waitUntil(due: number, now: () => number, signal?: AbortSignal): Promise<void> {
  for (let wait = due - now(); wait > 0; wait = due - now())
    await sleep(Math.max(1, Math.ceil(wait)), signal);
}
