/**
 * A clock a test moves by hand: `sleep` resolves only when `advance` passes its time. `sleeping()`
 * waits until the code under test is asleep, so a test advances time at a known point, never after a
 * fixed real-time sleep.
 */
export class ManualClock {
  #t: number;
  #sleepers: { at: number; resolve: () => void }[] = [];
  #waiters: (() => void)[] = [];

  constructor(start = Date.parse('2026-12-05T08:00:00Z')) {
    this.#t = start;
  }

  now(): number {
    return this.#t;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error);
      const entry = {
        at: this.#t + ms,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#sleepers = this.#sleepers.filter((s) => s !== entry);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(entry);
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  /** Resolves once something sleeps on this clock. */
  sleeping(): Promise<void> {
    if (this.#sleepers.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  advance(ms: number): void {
    this.#t += ms;
    const due = this.#sleepers.filter((s) => s.at <= this.#t);
    this.#sleepers = this.#sleepers.filter((s) => s.at > this.#t);
    for (const s of due) s.resolve();
  }
}
