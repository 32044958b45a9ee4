export { BackofficeClient, type BackofficeClientOptions, type MaterialContentType } from './client';
export {
  BackofficeError,
  BACKOFFICE_ERROR_KINDS,
  isBackofficeError,
  type BackofficeErrorKind,
} from './errors';
export type * from './types';
export {
  Outbox,
  FilingRefused,
  DEFAULT_LIMITS,
  materialKey,
  type FilingInput,
  type MaterialInput,
  type OutboxEvents,
  type OutboxOptions,
  type OutboxClient,
} from './outbox/outbox';
export type { OutboxStatus } from './outbox/status';
export type { OutboxState } from './outbox/store';
export { openDurableSqlite, type OpenSqlite, type SqliteDatabase } from './outbox/sqlite';
export { DEFAULT_BACKOFF, type BackoffPolicy } from './outbox/backoff';
