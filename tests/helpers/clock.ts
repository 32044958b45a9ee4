import { ManualClock, type Transport } from '../../devices/core';
import { memoryLinksBusy } from '../../devices/transports/memory';

/**
 * The clock device tests run on: time moves only when the test moves it (`run`, `until`,
 * `advance`), and never while bytes are still travelling over a memory pair or a watched real link.
 */
export function testClock(...busy: (() => boolean)[]): ManualClock {
  return testClockAt(undefined, ...busy);
}

/** `testClock` whose wall time starts at `epoch` (ms), for dates a device puts in its messages. */
export function testClockAt(epoch: number | undefined, ...busy: (() => boolean)[]): ManualClock {
  return new ManualClock({
    ...(epoch !== undefined ? { epoch } : {}),
    busy: () => memoryLinksBusy() || busy.some((b) => b()),
  });
}

/**
 * Counts the real I/O of a transport whose far end runs in this process (a pty pair, a loopback
 * socket): operations under way (open, write, close, a line-rate change) and bytes written on one
 * end and not yet received on the other. `busy()` is what a ManualClock waits for before it lets
 * time move, so a deadline cannot overtake a reply that is still in the kernel.
 */
export class IoTracker {
  #ops = 0;
  #bytes = 0;

  /** True while an operation is under way or bytes are on their way between tracked ends. */
  readonly busy = (): boolean => this.#ops > 0 || this.#bytes > 0;

  /** Wraps `transport`: every method and the data it receives are counted. */
  track<T extends Transport>(transport: T): T {
    const count = <R>(p: Promise<R>): Promise<R> => {
      this.#ops++;
      return p.finally(() => this.#ops--);
    };
    transport.onData((chunk) => (this.#bytes = Math.max(0, this.#bytes - chunk.length)));
    // A closed link loses what was on its way.
    transport.onClose(() => (this.#bytes = 0));
    return new Proxy(transport, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop);
        if (typeof value !== 'function') return value;
        const fn = value as (...args: unknown[]) => unknown;
        switch (prop) {
          case 'write':
            return (bytes: Uint8Array, signal?: AbortSignal) => {
              this.#bytes += bytes.length;
              return count(fn.call(target, bytes, signal) as Promise<void>).catch((err: unknown) => {
                this.#bytes = Math.max(0, this.#bytes - bytes.length);
                throw err;
              });
            };
          case 'open':
          case 'close':
          case 'setBaudRate':
            return (...args: unknown[]) => count(fn.apply(target, args) as Promise<unknown>);
          default:
            return fn.bind(target);
        }
      },
    });
  }

  /** Counts an asynchronous call made outside a transport (e.g. reading a pty's line rate). */
  wrap<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      this.#ops++;
      return fn(...args).finally(() => this.#ops--);
    };
  }
}
