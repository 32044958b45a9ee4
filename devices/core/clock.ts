import { abortReason } from './abort';
import { DeadlineError } from './errors';

/**
 * Where drivers, simulators and supervisors get time from. Injected (the system clock by default)
 * so that a test moves time itself: a deadline passes, a poll comes round or a debounce ends when
 * the test says so, never because the machine was slow. See ManualClock.
 */
export interface Clock {
  /** Wall-clock epoch milliseconds, for timestamps people and the back office read. */
  now(): number;
  /** Milliseconds (fractional) that never go back: for durations, deadlines and pacing. */
  monotonic(): number;
  /** Calls `fn` once after `ms`. The returned function cancels it (harmless once it ran). */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/** Waits `ms` on `clock`, rejecting early if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal, clock: Clock = systemClock): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      cancel();
      reject(abortReason(signal!));
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A signal that aborts when any of `signals` aborts, or after `ms` on `clock` with a DeadlineError.
 * `dispose` clears the timer and detaches from the inputs; call it when the guarded work settles, or
 * a long-lived input signal (a background loop's) collects one listener per call.
 */
export function deadline(
  ms: number,
  signals: readonly (AbortSignal | undefined)[] = [],
  clock: Clock = systemClock,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const detachers: (() => void)[] = [];
  const dispose = () => {
    cancel();
    for (const d of detachers.splice(0)) d();
  };
  const cancel = clock.setTimer(ms, () => {
    dispose();
    controller.abort(new DeadlineError(`deadline of ${ms} ms passed`));
  });
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) {
      dispose();
      controller.abort(s.reason);
      break;
    }
    const onAbort = () => {
      dispose();
      controller.abort(s.reason);
    };
    s.addEventListener('abort', onAbort, { once: true });
    detachers.push(() => s.removeEventListener('abort', onAbort));
  }
  return { signal: controller.signal, dispose };
}

/**
 * Runs `work` under a deadline of `ms` on `clock` (and the caller's signals) and disposes the
 * deadline when the work settles, so no timer outlives it.
 */
export async function withinDeadline<T>(
  ms: number,
  signals: readonly (AbortSignal | undefined)[],
  clock: Clock,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const limit = deadline(ms, signals, clock);
  try {
    return await work(limit.signal);
  } finally {
    limit.dispose();
  }
}
