import { abortReason } from './abort';
import { deadline, systemClock, type Clock } from './clock';
import { DeviceError, toDeviceError } from './errors';

export interface QueueOptions {
  deviceId: string;
  /** Default per-command deadline in ms; a command may pass its own. */
  defaultTimeoutMs: number;
  /** Where deadlines are measured (the system clock by default). */
  clock?: Clock;
}

/**
 * Single-flight command queue: exactly one command talks to the device at a time (RS-485 buses and
 * request/response serial protocols interleave otherwise). Each command gets a signal that aborts on
 * the caller's cancel or on its deadline; the rejection is always a DeviceError (`canceled`,
 * `timeout`, or whatever the command threw). A command canceled while still waiting never runs.
 */
export class CommandQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  constructor(private readonly opts: QueueOptions) {}

  get pending(): number {
    return this.#pending;
  }

  run<T>(
    command: string,
    task: (signal: AbortSignal) => Promise<T>,
    options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } = {},
  ): Promise<T> {
    const where = { deviceId: this.opts.deviceId, command };
    this.#pending++;
    const start = async (): Promise<T> => {
      if (options.signal?.aborted) {
        throw new DeviceError('canceled', 'canceled before it started', where, {
          cause: abortReason(options.signal),
        });
      }
      const { signal, dispose } = deadline(
        options.timeoutMs ?? this.opts.defaultTimeoutMs,
        [options.signal],
        this.opts.clock ?? systemClock,
      );
      try {
        return await Promise.race([task(signal), rejectOnAbort(signal)]);
      } catch (err) {
        throw toDeviceError(err, where, options.signal);
      } finally {
        dispose();
        this.#pending--;
      }
    };
    const result = this.#tail.then(start, start);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(abortReason(signal));
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}
