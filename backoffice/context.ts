import { createHash, createHmac } from 'node:crypto';
import type { ResolvedConfig } from './config';
import type { Database } from './db/types';
import type { ElicenceProvider } from './domain/elicence';
import type { CitizenDataProvider } from './providers/provider';
import type { NoticeRenderer } from './results/renderer';

export interface Clock {
  now(): number;
}

/** What every route handler works with; no other in-process state (several instances share one database). */
export interface Ctx {
  db: Database;
  cfg: ResolvedConfig;
  clock: Clock;
  elicences: ElicenceProvider;
  /** Social insurance, medical insurance, housing fund, appointments, real estate. */
  citizenData: CitizenDataProvider;
  /** Result documents, rendered off the event loop. */
  renderer: Pick<NoticeRenderer, 'render' | 'close'>;
  /** Wakes the 好差评 forwarder after a rating is stored (it also runs on its own interval). */
  ratingForwarder: { kick(): void };
  /** The service log (JSON lines, masked); silent until the HTTP layer exists. */
  log: ServiceLog;
}

export interface ServiceLog {
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export const silentLog: ServiceLog = { warn: () => undefined, error: () => undefined };

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Keyed hash for values with little entropy (ID numbers, pickup codes): useless without the secret. */
export const keyedHash = (cfg: ResolvedConfig, purpose: string, value: string): string =>
  createHmac('sha256', cfg.secret).update(`${purpose}\u0000${value}`).digest('hex');

export const iso = (ms: number): string => new Date(ms).toISOString();
