import { sleep } from './abort';
import type { Transport } from './transport';

/** Seconds of wire time for `bytes` at `baudRate` with 8N1 framing (10 bits per byte). */
export const wireTimeMs = (bytes: number, baudRate: number): number => (bytes * 10 * 1000) / baudRate;

/**
 * Writes `bytes` no faster than a real UART at `baudRate` would carry them. A pty forwards bytes
 * instantly, so simulators use this to make benchmarks and timeouts see real wire time. The schedule
 * is absolute (from the first byte), so timer jitter does not accumulate.
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
    await transport.write(part, opts.signal);
    const due = started + wireTimeMs(off + part.length, baudRate);
    const wait = due - now();
    if (wait > 0.5) await sleep(wait, opts.signal);
  }
}
