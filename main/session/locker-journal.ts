/**
 * The locker journal: one row per door this kiosk opens for a citizen, in `lockers.sqlite` in the
 * kiosk's data directory (opened like the outbox and the print journal: WAL, synchronous=FULL,
 * owner-only, secure_delete). Written before the door is unlocked, marked when the sensor says it is
 * open and when it closes, and marked recorded once the back office has the deposit or the
 * collection. A host that dies anywhere in between finds the row at its next start, asks the board
 * what the door holds and records it or marks it abandoned: papers in a door are never unknown to
 * the back office.
 *
 * It holds the door, the filing's id or tracking number (the outbox keeps the same), the pickup's id
 * and times: never a name, an ID number or a pickup code.
 */
import { createHash } from 'node:crypto';
import { openDurableSqlite, type OpenSqlite, type SqliteDatabase } from '../backend';

export type LockerPurpose = 'deposit' | 'pickup';
/**
 * intent: about to unlock (the citizen has not been told a door yet); opened: the sensor said open;
 * closed: seen closed, the record not yet at the back office; recorded: the back office has it;
 * abandoned: nothing to record (the door never opened, or holds nothing to record); rejected: the
 * back office refused the record (a technician's case, logged).
 */
export type LockerEntryState = 'intent' | 'opened' | 'closed' | 'recorded' | 'abandoned' | 'rejected';

export interface LockerEntry {
  key: string;
  purpose: LockerPurpose;
  board: number;
  door: number;
  label: string;
  filingId?: string;
  trackingNumber?: string;
  pickupId?: string;
  /** Sent with the deposit: a retry never makes a second one at the back office. */
  idempotencyKey: string;
  state: LockerEntryState;
  openedAt?: number;
  closedAt?: number;
  attempts: number;
  lastError?: string;
  createdAt: number;
  updatedAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS locker_entry (
  key             TEXT PRIMARY KEY,
  purpose         TEXT NOT NULL CHECK (purpose IN ('deposit','pickup')),
  board           INTEGER NOT NULL,
  door            INTEGER NOT NULL,
  label           TEXT NOT NULL,
  filing_id       TEXT,
  tracking_number TEXT,
  pickup_id       TEXT,
  idempotency_key TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('intent','opened','closed','recorded','abandoned','rejected')),
  opened_at       INTEGER,
  closed_at       INTEGER,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS locker_entry_state ON locker_entry (state);
`;

interface Row {
  key: string;
  purpose: LockerPurpose;
  board: number;
  door: number;
  label: string;
  filing_id: string | null;
  tracking_number: string | null;
  pickup_id: string | null;
  idempotency_key: string;
  state: LockerEntryState;
  opened_at: number | null;
  closed_at: number | null;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

const UNFINISHED = `('intent','opened','closed')`;

export interface LockerJournalOptions {
  dataDir: string;
  openDatabase: OpenSqlite;
  now?: () => number;
  /** Finished rows untouched this long are dropped at open (default 30 days). */
  retentionMs?: number;
}

export class LockerJournal {
  readonly #db: SqliteDatabase;
  readonly #now: () => number;

  constructor(opts: LockerJournalOptions) {
    this.#db = openDurableSqlite(opts.dataDir, 'lockers.sqlite', opts.openDatabase);
    this.#db.exec(SCHEMA);
    this.#now = opts.now ?? Date.now;
    const before = this.#now() - (opts.retentionMs ?? 30 * 24 * 3600_000);
    this.#db
      .prepare(`DELETE FROM locker_entry WHERE updated_at < ? AND state NOT IN ${UNFINISHED}`)
      .run(before);
  }

  /** Before the door is unlocked. The same key again (a retried open) starts over. */
  intend(e: {
    key: string;
    purpose: LockerPurpose;
    board: number;
    door: number;
    label: string;
    filingId?: string | undefined;
    trackingNumber?: string | undefined;
    pickupId?: string | undefined;
  }): void {
    const now = this.#now();
    this.#db
      .prepare(
        `INSERT INTO locker_entry (key, purpose, board, door, label, filing_id, tracking_number, pickup_id,
           idempotency_key, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'intent', ?, ?)
         ON CONFLICT (key) DO UPDATE SET board = excluded.board, door = excluded.door, label = excluded.label,
           filing_id = excluded.filing_id, tracking_number = excluded.tracking_number,
           pickup_id = excluded.pickup_id, idempotency_key = excluded.idempotency_key, state = 'intent',
           opened_at = NULL, closed_at = NULL, attempts = 0, last_error = NULL, updated_at = excluded.updated_at`,
      )
      .run(
        e.key,
        e.purpose,
        e.board,
        e.door,
        e.label,
        e.filingId ?? null,
        e.trackingNumber ?? null,
        e.pickupId ?? null,
        // One per door opening: the back office keeps it per kiosk (8–100 of [A-Za-z0-9_-]).
        `locker-${createHash('sha256').update(`${e.key}\u0000${e.board}/${e.door}`).digest('hex').slice(0, 40)}`,
        now,
        now,
      );
  }

  opened(key: string, at: number): void {
    this.#db
      .prepare(
        `UPDATE locker_entry SET state = 'opened', opened_at = ?, updated_at = ? WHERE key = ? AND state = 'intent'`,
      )
      .run(at, this.#now(), key);
  }

  /** The door's sensor says closed: every entry waiting on that door, now to be recorded. */
  doorClosed(board: number, door: number, at: number): LockerEntry[] {
    return this.#db.transaction(() => {
      const rows = this.#db
        .prepare(`SELECT * FROM locker_entry WHERE board = ? AND door = ? AND state = 'opened'`)
        .all(board, door) as Row[];
      for (const r of rows) this.closed(r.key, at);
      return rows.map((r) => this.entry(r.key)!);
    })();
  }

  /** Closed (the sensor, or the citizen said so): from here the record is owed to the back office. */
  closed(key: string, at: number): void {
    this.#db
      .prepare(
        `UPDATE locker_entry SET state = 'closed', closed_at = COALESCE(closed_at, ?), updated_at = ?
         WHERE key = ? AND state IN ('intent','opened')`,
      )
      .run(at, this.#now(), key);
  }

  attempted(key: string, error: string): void {
    this.#db
      .prepare(
        'UPDATE locker_entry SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE key = ?',
      )
      .run(error, this.#now(), key);
  }

  recorded(key: string): void {
    this.#finish(key, 'recorded', null);
  }

  abandoned(key: string, reason: string): void {
    this.#finish(key, 'abandoned', reason);
  }

  rejected(key: string, code: string): void {
    this.#finish(key, 'rejected', code);
  }

  entry(key: string): LockerEntry | undefined {
    const row = this.#db.prepare('SELECT * FROM locker_entry WHERE key = ?').get(key) as Row | undefined;
    return row ? entryOf(row) : undefined;
  }

  /** Entries a previous run (or this one) left before the back office had the record. */
  unfinished(): LockerEntry[] {
    return (
      this.#db
        .prepare(`SELECT * FROM locker_entry WHERE state IN ${UNFINISHED} ORDER BY created_at, key`)
        .all() as Row[]
    ).map(entryOf);
  }

  all(): LockerEntry[] {
    return (this.#db.prepare('SELECT * FROM locker_entry ORDER BY created_at, key').all() as Row[]).map(
      entryOf,
    );
  }

  close(): void {
    this.#db.close();
  }

  #finish(key: string, state: LockerEntryState, error: string | null): void {
    this.#db
      .prepare(
        `UPDATE locker_entry SET state = ?, last_error = COALESCE(?, last_error), updated_at = ?
         WHERE key = ? AND state IN ${UNFINISHED}`,
      )
      .run(state, error, this.#now(), key);
  }
}

function entryOf(r: Row): LockerEntry {
  return {
    key: r.key,
    purpose: r.purpose,
    board: Number(r.board),
    door: Number(r.door),
    label: r.label,
    ...(r.filing_id !== null ? { filingId: r.filing_id } : {}),
    ...(r.tracking_number !== null ? { trackingNumber: r.tracking_number } : {}),
    ...(r.pickup_id !== null ? { pickupId: r.pickup_id } : {}),
    idempotencyKey: r.idempotency_key,
    state: r.state,
    ...(r.opened_at !== null ? { openedAt: Number(r.opened_at) } : {}),
    ...(r.closed_at !== null ? { closedAt: Number(r.closed_at) } : {}),
    attempts: Number(r.attempts),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
