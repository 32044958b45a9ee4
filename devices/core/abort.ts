import { DeadlineError } from './errors';

/** A signal that aborts when any input aborts, or after `ms` with a DeadlineError. */
export function withDeadline(ms: number, ...signals: (AbortSignal | undefined)[]): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineError(`deadline of ${ms} ms passed`)), ms);
  const onAbort = (s: AbortSignal) => () => {
    clearTimeout(timer);
    controller.abort(s.reason);
  };
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) {
      clearTimeout(timer);
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', onAbort(s), { once: true });
  }
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return controller.signal;
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
