import { DeadlineError } from './errors';

/**
 * A signal that aborts when any input aborts, or after `ms` with a DeadlineError. `dispose` clears the
 * timer and detaches from the inputs; call it when the guarded work settles, or a long-lived input
 * signal (a background loop's) collects one listener per call.
 */
export function deadline(
  ms: number,
  ...signals: (AbortSignal | undefined)[]
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const detachers: (() => void)[] = [];
  const dispose = () => {
    clearTimeout(timer);
    for (const d of detachers.splice(0)) d();
  };
  const timer = setTimeout(() => {
    dispose();
    controller.abort(new DeadlineError(`deadline of ${ms} ms passed`));
  }, ms);
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

/** Like `deadline`, for callers that let the signal run to its end; it detaches when it fires. */
export function withDeadline(ms: number, ...signals: (AbortSignal | undefined)[]): AbortSignal {
  return deadline(ms, ...signals).signal;
}

/** Rejects with the signal's reason once it aborts; never resolves otherwise. */
export function abortPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(abortReason(signal));
    else signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : new DOMException('The operation was aborted', 'AbortError');
}

/** Waits `ms`, rejecting early if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
