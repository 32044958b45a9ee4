import { systemClock } from './clock';
import type { DeviceErrorCode } from './errors';

/**
 * Common device health, modelled on XFS4IoT's common status. Closed: a UI or a fleet console can
 * switch over it exhaustively.
 * - online: ready to serve; offline: present but not serving (e.g. printer offline, SAM failed);
 * - noDevice: nothing answers on the configured link; hardwareError: needs a technician;
 * - userError: a person must act (take the receipt, close the door, remove the card);
 * - busy: executing a command; powerOff: reported off by the device itself.
 */
export const HEALTH_VALUES = [
  'online',
  'offline',
  'noDevice',
  'hardwareError',
  'userError',
  'busy',
  'powerOff',
] as const;
export type Health = (typeof HEALTH_VALUES)[number];

export interface DeviceStatus<Detail> {
  deviceId: string;
  family: string;
  health: Health;
  /** Family-specific detail, e.g. `{ paper: 'nearEnd', coverOpen: false }`. */
  detail: Detail;
  /** Epoch milliseconds of the last change of `health` or `detail`. */
  changedAt: number;
  lastError?: { code: DeviceErrorCode; detail?: string; at: number };
}

/** Holds one device's status and notifies listeners only on real changes. */
export class StatusCell<Detail> {
  #status: DeviceStatus<Detail>;
  readonly #listeners = new Set<(s: DeviceStatus<Detail>) => void>();

  constructor(
    deviceId: string,
    family: string,
    initial: Detail,
    private readonly now: () => number = () => systemClock.now(),
  ) {
    this.#status = { deviceId, family, health: 'noDevice', detail: initial, changedAt: now() };
  }

  get current(): DeviceStatus<Detail> {
    return this.#status;
  }

  update(change: {
    health?: Health;
    detail?: Partial<Detail>;
    lastError?: { code: DeviceErrorCode; detail?: string };
  }): void {
    const prev = this.#status;
    const detail = change.detail ? { ...prev.detail, ...change.detail } : prev.detail;
    const health = change.health ?? prev.health;
    const changed = health !== prev.health || JSON.stringify(detail) !== JSON.stringify(prev.detail);
    if (!changed && !change.lastError) return;
    const next: DeviceStatus<Detail> = {
      ...prev,
      health,
      detail,
      changedAt: changed ? this.now() : prev.changedAt,
    };
    if (change.lastError) next.lastError = { ...change.lastError, at: this.now() };
    this.#status = next;
    for (const l of this.#listeners) l(next);
  }

  subscribe(listener: (s: DeviceStatus<Detail>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
