/**
 * One transition in the making: a private copy of the state that handlers change, and the effects
 * they emit. `step` and `advance` are pure from outside: the input state is never touched.
 */
import type { Effect, KeyedEffect, Pending, SessionState, TimerName, Transition } from './model';

export class Tx {
  readonly s: SessionState;
  readonly effects: Effect[] = [];

  constructor(
    state: SessionState,
    readonly at: number,
  ) {
    this.s = structuredClone(state);
    this.s.now = at;
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  setTimer(name: TimerName, ms: number): void {
    const token = ++this.s.seq;
    this.s.timers[name] = token;
    this.emit({ type: 'timer.set', name, ms, token });
  }

  clearTimer(name: TimerName): void {
    if (this.s.timers[name] === undefined) return;
    delete this.s.timers[name];
    this.emit({ type: 'timer.clear', name });
  }

  /** Sends a request of the running flow and remembers it until its answer. */
  request(effect: KeyedEffect, pending: Omit<Pending, 'type' | 'effect'> = {}): void {
    const flow = this.s.flow;
    if (!flow) throw new Error('a request needs a running flow');
    flow.pending[effect.key] = { type: effect.type, effect, ...pending };
    this.emit(effect);
  }

  /** Drops a pending request of the flow and tells the runner to stop it. */
  cancel(key: string): void {
    const flow = this.s.flow;
    if (!flow?.pending[key]) return;
    delete flow.pending[key];
    this.emit({ type: 'cancel', key });
  }

  result(): Transition {
    return { state: this.s, effects: this.effects };
  }
}

/** Idempotency key of a flow's request: session, visit, step and what (stable across retries). */
export const keyOf = (s: SessionState, stepId: string, what: string): string =>
  `${s.sessionId ?? 'none'}:${s.flow?.visit ?? 0}:${stepId}:${what}`;
