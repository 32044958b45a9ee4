import type { Logger } from '../../devices/core';
import type { Result } from '../ipc/contract';
import type { DeviceStatusDto, SessionPhase } from '../ipc/contract';
import type { Handlers } from '../ipc/dispatch';
import { invoke, type InvokeChannel } from '../ipc/contract/channels';
import type { HostEvent, HostMessage, HostRequest } from './messages';

/** How the shell reaches a host process: Electron's utilityProcess or Node's child_process. */
export interface HostChannel {
  post(message: HostRequest): void;
  onMessage(listener: (m: HostMessage) => void): void;
  onExit(listener: (code: number | null) => void): void;
}

/**
 * The shell's side of the host: correlates requests and responses, fails pending requests when the
 * host dies (so the page gets a `notConnected` Result, not a hang), and keeps the last status of each
 * device so a restarted page or host can be shown the last known state at once.
 */
export class HostClient {
  #nextId = 1;
  readonly #pending = new Map<number, (r: Result<unknown>) => void>();
  readonly #lastStatus = new Map<string, DeviceStatusDto>();
  readonly #eventListeners = new Set<(e: HostEvent) => void>();
  #channel: HostChannel | undefined;
  #stopping = false;
  /** A citizen was being served when the host last said what the screen shows. */
  #serving = false;

  constructor(
    private readonly log: Logger,
    private readonly timeoutMs = 30_000,
  ) {}

  attach(channel: HostChannel): void {
    this.#channel = channel;
    channel.onMessage((m) => {
      if (m.kind === 'response') {
        this.#pending.get(m.id)?.(m.result);
        this.#pending.delete(m.id);
      } else if (m.kind === 'event') {
        if (m.channel === 'devices:status') this.#lastStatus.set(m.payload.deviceId, m.payload);
        if (m.channel === 'flow:view') this.#serving = SERVING.includes(m.payload.phase);
        if (m.channel === 'session:ended') this.#serving = false;
        for (const l of this.#eventListeners) l(m);
      }
    });
    channel.onExit((code) => {
      if (this.#channel === channel) this.#channel = undefined;
      // A stop the shell asked for is routine (a host still starting dies of the signal itself: code
      // null); the host logs its own trouble stopping. Any other exit is a crash the technician must see.
      if (this.#stopping) this.log.info('host.stopped', { code });
      else this.log.error('host.exited', { code, pending: this.#pending.size });
      for (const [id, resolve] of this.#pending) {
        resolve({ ok: false, error: { code: 'notConnected', message: 'the device host restarted' } });
        this.#pending.delete(id);
      }
      // The session lived in the host: it is gone with it. The page hears it ended (it drops what it
      // shows of the citizen); the restarted host starts on the attract screen.
      if (this.#serving) {
        this.#serving = false;
        this.log.warn('session.endedByHostExit', { code });
        const ended: HostEvent = {
          kind: 'event',
          channel: 'session:ended',
          payload: { reason: 'hostRestart', outcome: 'abandoned' },
        };
        for (const l of this.#eventListeners) l(ended);
      }
    });
  }

  /** The shell is stopping the host: its exit is expected and logged as routine. */
  expectExit(): void {
    this.#stopping = true;
  }

  get lastStatus(): DeviceStatusDto[] {
    return [...this.#lastStatus.values()];
  }

  onEvent(listener: (e: HostEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  request(channel: string, input: unknown): Promise<Result<unknown>> {
    const ch = this.#channel;
    if (!ch)
      return Promise.resolve({
        ok: false,
        error: { code: 'notConnected', message: 'the device host is not running' },
      });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({ ok: false, error: { code: 'timeout', message: `${channel} got no answer from the host` } });
      }, this.timeoutMs);
      this.#pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      try {
        ch.post({ kind: 'request', id, channel, input });
      } catch (err) {
        // A host that died between its exit and our noticing it: Electron throws on posting to it.
        clearTimeout(timer);
        this.#pending.delete(id);
        this.log.warn('host.postFailed', {
          channel,
          error: err instanceof Error ? err.message : String(err),
        });
        resolve({ ok: false, error: { code: 'notConnected', message: 'the device host is not running' } });
      }
    });
  }

  /** Contract handlers that forward to the host; a failed Result is rethrown as-is by `unwrap`. */
  forwardingHandlers(): Handlers {
    const entries = (Object.keys(invoke) as InvokeChannel[]).map((c) => [
      c,
      (input: unknown) => this.#unwrap(c, input),
    ]);
    return Object.fromEntries(entries) as Handlers;
  }

  async #unwrap(channel: string, input: unknown): Promise<never> {
    const r = await this.request(channel, input);
    if (r.ok) return r.value as never;
    throw new HostFailure(r.error);
  }
}

const SERVING: readonly SessionPhase[] = ['browsing', 'flow', 'ending'];

/** A failure that already has the contract's shape; dispatch passes it through unchanged. */
export class HostFailure extends Error {
  constructor(readonly failure: { code: string; message: string }) {
    super(failure.message);
  }
}
