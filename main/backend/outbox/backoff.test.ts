import { describe, expect, it } from 'vitest';
import { backoffDelayMs, type BackoffPolicy } from './backoff';

const policy: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, factor: 2 };

describe('backoffDelayMs', () => {
  it('grows exponentially between half and the full ceiling', () => {
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(500);
    expect(backoffDelayMs(policy, 1, () => 0.999999)).toBe(1000);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(2000);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(3000);
  });

  it('never exceeds the cap however many failures', () => {
    for (const failures of [7, 20, 200]) {
      expect(backoffDelayMs(policy, failures, () => 0.999999)).toBeLessThanOrEqual(60_000);
      expect(backoffDelayMs(policy, failures, () => 0)).toBe(30_000);
    }
  });
});
