export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000, factor: 2 };

/**
 * Exponential backoff with "equal jitter": half the ceiling is fixed, half random, so thousands
 * of kiosks coming back after an outage spread out but none retries immediately.
 * `failures` counts consecutive failures (>= 1); `random` returns [0, 1).
 */
export function backoffDelayMs(policy: BackoffPolicy, failures: number, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
