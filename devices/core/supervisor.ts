import { sleep, systemClock, type Clock } from './clock';
import type { Logger } from './logger';
import type { CloseReason, Transport } from './transport';

export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'lost' | 'stopped';

export interface SupervisorOptions {
  /** First retry delay; doubles up to `maxBackoffMs`, with ±20 % jitter so a hall of kiosks does not retry in step. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /**
   * How long a disappearance may last before it is reported as `lost`. USB-serial bridges and CUPS
   * drop devices for a moment; reporting each blip makes flows fail needlessly (peers: Odoo's
   * "three misses before removal").
   */
  debounceMs: number;
  random?: () => number;
}

/**
 * Keeps one transport open until `stop()`: opens it, reopens it with backoff after any close it did
 * not cause (disconnect, error, or a close from elsewhere), and reports each state transition once. `onConnected` runs after every (re)open so a driver can
 * re-probe and resynchronise.
 */
export class LinkSupervisor {
  #state: LinkState = 'stopped';
  #controller: AbortController | undefined;
  #cancelLost: (() => void) | undefined;
  readonly #listeners = new Set<(s: LinkState, why?: string) => void>();

  constructor(
    readonly transport: Transport,
    private readonly opts: SupervisorOptions,
    private readonly log: Logger,
    private readonly onConnected: (signal: AbortSignal) => Promise<void> = () => Promise.resolve(),
    private readonly clock: Clock = systemClock,
  ) {}

  get state(): LinkState {
    return this.#state;
  }

  onState(listener: (s: LinkState, why?: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#controller) return;
    const controller = (this.#controller = new AbortController());
    this.#set('connecting');
    void this.#loop(controller.signal);
  }

  async stop(): Promise<void> {
    this.#controller?.abort();
    this.#controller = undefined;
    this.#clearLost();
    await this.transport.close();
    this.#set('stopped');
  }

  async #loop(signal: AbortSignal): Promise<void> {
    let backoff = this.opts.initialBackoffMs;
    const random = this.opts.random ?? Math.random;
    while (!signal.aborted) {
      try {
        await this.transport.open(signal);
        const closed = new Promise<{ reason: CloseReason; cause?: unknown }>((resolve) => {
          const off = this.transport.onClose((reason, cause) => {
            off();
            resolve({ reason, cause });
          });
        });
        await this.onConnected(signal);
        this.#clearLost();
        this.#set('connected');
        backoff = this.opts.initialBackoffMs;
        const { reason, cause } = await closed;
        // Only stop() ends supervision. A `requested` close nobody here asked for (a transport that
        // misreports a vanished device, or stray code closing it) is a loss like any other.
        if (signal.aborted) return;
        this.log.warn('link.closed', {
          transport: this.transport.describe,
          reason,
          cause: cause instanceof Error ? cause.message : undefined,
          retryInMs: backoff,
        });
      } catch (err) {
        if (signal.aborted) return;
        if (this.transport.isOpen) await this.transport.close();
        this.log.warn('link.openFailed', {
          transport: this.transport.describe,
          error: err instanceof Error ? err.message : String(err),
          retryInMs: backoff,
        });
      }
      this.#beginReconnect();
      const jitter = 1 + (random() * 0.4 - 0.2);
      try {
        await sleep(Math.round(backoff * jitter), signal, this.clock);
      } catch {
        return;
      }
      backoff = Math.min(backoff * 2, this.opts.maxBackoffMs);
    }
  }

  #beginReconnect(): void {
    if (this.#state === 'lost' || this.#state === 'reconnecting') return;
    const wasConnected = this.#state === 'connected';
    this.#set(
      wasConnected ? 'reconnecting' : 'lost',
      wasConnected ? 'debouncing a disappearance' : 'first open failed',
    );
    if (wasConnected) {
      this.#cancelLost = this.clock.setTimer(this.opts.debounceMs, () => {
        this.#cancelLost = undefined;
        if (this.#state === 'reconnecting') this.#set('lost', `not back within ${this.opts.debounceMs} ms`);
      });
    }
  }

  #clearLost(): void {
    this.#cancelLost?.();
    this.#cancelLost = undefined;
  }

  #set(state: LinkState, why?: string): void {
    if (state === this.#state) return;
    this.#state = state;
    this.log.info('link.state', { transport: this.transport.describe, state, ...(why ? { why } : {}) });
    for (const l of this.#listeners) l(state, why);
  }
}
