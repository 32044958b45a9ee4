import { FINAL_STATES, type PrintHandle, type PrintKind, type PrintState, type PrintStatus } from './types';

/**
 * The state of one printed thing as its caller sees it. The job runners (receipts.ts, documents.ts)
 * move it; `control` aborts when the caller cancels or the job ends, stopping every wait for it.
 */
export class JobHandle implements PrintHandle {
  readonly control = new AbortController();
  readonly #listeners = new Set<(s: PrintStatus) => void>();
  #status: PrintStatus;
  onResume: () => void = () => undefined;
  onCancel: () => void = () => undefined;

  constructor(
    readonly key: string,
    readonly kind: PrintKind,
    private readonly now: () => number,
  ) {
    this.#status = {
      key,
      kind,
      state: kind === 'a4' ? 'rendering' : 'queued',
      reused: false,
      final: false,
      updatedAt: now(),
    };
  }

  status(): PrintStatus {
    return { ...this.#status };
  }

  /** Moves the handle; `final` follows from the state unless given (a receipt printer without a presenter sensor ends at `printed`). */
  set(change: Partial<Omit<PrintStatus, 'key' | 'kind' | 'updatedAt'>>): void {
    if (this.#status.final) return;
    const state = change.state ?? this.#status.state;
    const next: PrintStatus = {
      ...this.#status,
      ...change,
      state,
      final: change.final ?? FINAL_STATES.includes(state),
      updatedAt: this.now(),
    };
    if (!('reason' in change) && change.state && change.state !== this.#status.state) delete next.reason;
    if (state !== 'held') delete next.giveUpAt;
    this.#status = next;
    for (const l of [...this.#listeners]) l(this.status());
    if (next.final) this.control.abort(new Error(`print job ${this.key} ended: ${state}`));
  }

  onChange(listener: (s: PrintStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  until(states: readonly PrintState[], signal?: AbortSignal): Promise<PrintStatus> {
    const hit = (s: PrintStatus) => states.includes(s.state) || s.final;
    if (hit(this.#status)) return Promise.resolve(this.status());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        off();
        reject(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
      };
      const off = this.onChange((s) => {
        if (!hit(s)) return;
        off();
        signal?.removeEventListener('abort', onAbort);
        resolve(s);
      });
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  done(signal?: AbortSignal): Promise<PrintStatus> {
    return this.until([], signal);
  }

  resume(): void {
    if (this.#status.state === 'held') this.onResume();
  }

  cancel(): void {
    if (!this.#status.final) this.onCancel();
  }
}
