import type { Clock } from './clock';

interface Timer {
  due: number;
  seq: number;
  fn: () => void;
}

export interface ManualClockOptions {
  /** Wall-clock epoch ms at monotonic time 0. Default 2026-01-01T00:00:00+08:00. */
  epoch?: number;
  /**
   * True while work this clock cannot see is under way: bytes on a real pty, a port opening, a
   * child process answering. Time does not move while it is true (see `settle`).
   */
  busy?: () => boolean;
}

/** Event-loop turns without any activity after which in-process work counts as finished. */
const QUIET_TURNS = 3;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Real time, only while `busy` reports real I/O under way; never to let clock time pass. */
const realPause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * A clock whose time moves only when told to. Timers fire in due order, each at its own due time,
 * and after each one the clock lets the work it started finish before it moves on, so a deadline
 * can never overtake a reply that was already on its way. A test waits for what it expects with
 * `run(promise)` (time jumps from timer to timer only while nothing else is happening) and asserts
 * that nothing happens by `advance(ms)` and looking: it never sleeps, and a slow machine changes
 * nothing but how long the test takes.
 */
export class ManualClock implements Clock {
  #t = 0;
  #seq = 0;
  /** Timers scheduled, canceled or fired: how `settle` sees in-process work moving. */
  #activity = 0;
  readonly #timers: Timer[] = [];
  readonly #epoch: number;
  readonly #busy: (() => boolean)[] = [];

  constructor(opts: ManualClockOptions = {}) {
    this.#epoch = opts.epoch ?? Date.UTC(2025, 11, 31, 16);
    if (opts.busy) this.#busy.push(opts.busy);
  }

  now(): number {
    return this.#epoch + this.#t;
  }

  monotonic(): number {
    return this.#t;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Timer = { due: this.#t + Math.max(0, ms), seq: this.#seq++, fn };
    let i = this.#timers.length;
    while (i > 0 && this.#timers[i - 1]!.due > timer.due) i--;
    this.#timers.splice(i, 0, timer);
    this.#activity++;
    return () => {
      const at = this.#timers.indexOf(timer);
      if (at < 0) return;
      this.#timers.splice(at, 1);
      this.#activity++;
    };
  }

  /** Adds a source of outside work to wait for (see ManualClockOptions.busy); returns how to remove it. */
  watch(busy: () => boolean): () => void {
    this.#busy.push(busy);
    return () => {
      const i = this.#busy.indexOf(busy);
      if (i >= 0) this.#busy.splice(i, 1);
    };
  }

  /** Pending timers. */
  get pending(): number {
    return this.#timers.length;
  }

  /** How far ahead each pending timer is due, soonest first. */
  pendingDelays(): number[] {
    return this.#timers.map((t) => t.due - this.#t);
  }

  /**
   * Lets everything finish that needs no time to pass: promise chains, in-memory links (one
   * event-loop turn per hop), and whatever the `busy` sources report. Returns when a few turns in a
   * row passed with no timer scheduled or canceled and nothing busy.
   */
  async settle(): Promise<void> {
    for (let quiet = 0; quiet < QUIET_TURNS;) {
      if (this.#busy.some((b) => b())) {
        quiet = 0;
        await realPause();
        continue;
      }
      const before = this.#activity;
      await turn();
      quiet = this.#activity === before ? quiet + 1 : 0;
    }
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#t + Math.max(0, ms);
    for (;;) {
      await this.settle();
      const next = this.#timers[0];
      if (!next || next.due > target) break;
      this.#fire(next);
    }
    this.#t = target;
    await this.settle();
  }

  /** Fires the soonest timer (moving time to it); false when none is pending. */
  async next(): Promise<boolean> {
    await this.settle();
    const next = this.#timers[0];
    if (!next) return false;
    this.#fire(next);
    await this.settle();
    return true;
  }

  /**
   * Resolves with `work`'s outcome, moving time from timer to timer while the work waits for time.
   * Fails at once, instead of hanging, when the work waits with nothing scheduled (it waits for an
   * event that cannot come), or when it is not done within `limitMs` of clock time.
   */
  async run<T>(work: Promise<T>, opts: { limitMs?: number } = {}): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    void work.then(
      (value) => (outcome = { ok: true, value }),
      (error: unknown) => (outcome = { ok: false, error }),
    );
    const limitMs = opts.limitMs ?? 10 * 60_000;
    const limit = this.#t + limitMs;
    for (;;) {
      await this.settle();
      if (outcome) {
        if (outcome.ok) return outcome.value;
        throw outcome.error;
      }
      const next = this.#timers[0];
      if (!next)
        throw new Error('ManualClock.run: the work waits, and nothing is scheduled that could end the wait');
      if (next.due > limit) throw new Error(`ManualClock.run: not done within ${limitMs} ms of clock time`);
      this.#fire(next);
    }
  }

  /** Like `run`, for a condition: moves time from timer to timer until `cond()` holds. */
  async until(cond: () => boolean, opts: { limitMs?: number } = {}): Promise<void> {
    const limitMs = opts.limitMs ?? 10 * 60_000;
    const limit = this.#t + limitMs;
    for (;;) {
      await this.settle();
      if (cond()) return;
      const next = this.#timers[0];
      if (!next) throw new Error('ManualClock.until: the condition does not hold and nothing is scheduled');
      if (next.due > limit) throw new Error(`ManualClock.until: not true within ${limitMs} ms of clock time`);
      this.#fire(next);
    }
  }

  #fire(timer: Timer): void {
    this.#timers.splice(this.#timers.indexOf(timer), 1);
    this.#activity++;
    this.#t = Math.max(this.#t, timer.due);
    timer.fn();
  }
}
