import { TransportClosedError, type CloseReason, type Transport } from '../core';

/**
 * Two transports wired to each other in memory. Bytes written on one end arrive on the other
 * asynchronously (next macrotask), as on a real link. `unplug()` closes both ends with
 * `disconnected`, like pulling a cable; the ends can then be opened again ("replugged").
 */
export interface MemoryEnd extends Transport {
  /** Simulates the cable being pulled: both ends close with reason `disconnected`. */
  unplug(): void;
  /** Simulates an I/O failure on this end only: it closes with reason `error` and `cause`. */
  fail(cause?: unknown): void;
  /** While false, open() rejects as if the device were absent. */
  present: boolean;
}

/** Chunks written on some memory end and not yet handed to its peer. */
let inFlight = 0;

/**
 * True while bytes are on their way over any memory pair. A ManualClock watches this so that time
 * never moves while a reply is still travelling (see tests/helpers/clock.ts).
 */
export const memoryLinksBusy = (): boolean => inFlight > 0;

export function memoryPair(label = 'mem', framing: 'stream' | 'message' = 'stream'): [MemoryEnd, MemoryEnd] {
  const a = new MemoryTransport(`memory:${label}/a`, framing);
  const b = new MemoryTransport(`memory:${label}/b`, framing);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryTransport implements MemoryEnd {
  peer: MemoryTransport | undefined;
  present = true;
  #open = false;
  readonly #data = new Set<(c: Uint8Array) => void>();
  readonly #close = new Set<(r: CloseReason, cause?: unknown) => void>();

  constructor(
    readonly describe: string,
    readonly framing: 'stream' | 'message',
  ) {}

  get isOpen(): boolean {
    return this.#open;
  }

  open(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (!this.present) return Promise.reject(new TransportClosedError(`${this.describe}: no device`));
    this.#open = true;
    return Promise.resolve();
  }

  write(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (!this.#open) return Promise.reject(new TransportClosedError(`${this.describe}: not open`));
    const copy = bytes.slice();
    const peer = this.peer;
    inFlight++;
    setImmediate(() => {
      inFlight--;
      peer?.deliver(copy);
    });
    return Promise.resolve();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.#data.add(listener);
    return () => this.#data.delete(listener);
  }

  onClose(listener: (reason: CloseReason, cause?: unknown) => void): () => void {
    this.#close.add(listener);
    return () => this.#close.delete(listener);
  }

  close(): Promise<void> {
    this.#shut('requested');
    return Promise.resolve();
  }

  /** Called by the peer: hands a written chunk to this end's listeners if it is open. */
  deliver(chunk: Uint8Array): void {
    if (this.#open) for (const l of [...this.#data]) l(chunk);
  }

  unplug(): void {
    this.#shut('disconnected');
    this.peer?.closeAs('disconnected');
  }

  closeAs(reason: CloseReason): void {
    this.#shut(reason);
  }

  fail(cause: unknown = new Error(`${this.describe}: I/O error`)): void {
    this.#shut('error', cause);
  }

  #shut(reason: CloseReason, cause?: unknown): void {
    if (!this.#open) return;
    this.#open = false;
    for (const l of [...this.#close]) l(reason, cause);
  }
}
