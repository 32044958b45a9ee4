import type { SqliteDatabase } from './sqlite';

export type OutboxState = 'pending' | 'sending' | 'delivered' | 'rejected';

export interface EntryRow {
  local_id: string;
  idempotency_key: string;
  state: OutboxState;
  service_id: string;
  /** JSON FilingRequest: personal data, NULL once delivered or discarded. */
  body: string | null;
  filing_id: string | null;
  tracking_number: string | null;
  /** JSON of the server's creation answer minus nothing personal (qrPayload, instantResult). */
  receipt: string | null;
  attempts: number;
  failures: number;
  next_attempt_at: number;
  last_error: string | null;
  reject_code: string | null;
  reject_status: number | null;
  reject_reason: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface MaterialRow {
  local_id: string;
  seq: number;
  name: string;
  kind: string;
  content_type: string;
  bytes: Buffer | null;
  size: number;
  sha256: string;
  upload_started: number;
  material_id: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox_entry (
  local_id        TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  state           TEXT NOT NULL CHECK (state IN ('pending','sending','delivered','rejected')),
  service_id      TEXT NOT NULL,
  body            TEXT,
  filing_id       TEXT,
  tracking_number TEXT,
  receipt         TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  failures        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  reject_code     TEXT,
  reject_status   INTEGER,
  reject_reason   TEXT,
  created_at      INTEGER NOT NULL,
  delivered_at    INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_entry_due ON outbox_entry (state, next_attempt_at);
CREATE TABLE IF NOT EXISTS outbox_material (
  local_id       TEXT NOT NULL REFERENCES outbox_entry (local_id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL,
  content_type   TEXT NOT NULL,
  bytes          BLOB,
  size           INTEGER NOT NULL,
  sha256         TEXT NOT NULL,
  upload_started INTEGER NOT NULL DEFAULT 0,
  material_id    TEXT,
  PRIMARY KEY (local_id, seq)
);
`;

/** Creates the outbox tables in a database opened by openDurableSqlite (WAL, synchronous=FULL, secure_delete). */
export function prepareDatabase(db: SqliteDatabase): void {
  db.exec(SCHEMA);
}

export class OutboxStore {
  constructor(private readonly db: SqliteDatabase) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  entry(localId: string): EntryRow | undefined {
    return this.db.prepare('SELECT * FROM outbox_entry WHERE local_id = ?').get(localId) as
      EntryRow | undefined;
  }

  entries(): EntryRow[] {
    return this.db.prepare('SELECT * FROM outbox_entry ORDER BY created_at, local_id').all() as EntryRow[];
  }

  /** Entries that still need work and whose retry time has come; 'sending' means a crash interrupted it. */
  due(now: number): EntryRow[] {
    return this.db
      .prepare(
        `SELECT * FROM outbox_entry WHERE state IN ('pending','sending') AND next_attempt_at <= ?
         ORDER BY next_attempt_at, created_at`,
      )
      .all(now) as EntryRow[];
  }

  nextAttemptAt(): number | undefined {
    const row = this.db
      .prepare(`SELECT MIN(next_attempt_at) AS at FROM outbox_entry WHERE state IN ('pending','sending')`)
      .get() as { at: number | null };
    return row.at ?? undefined;
  }

  insertEntry(
    row: Pick<EntryRow, 'local_id' | 'idempotency_key' | 'service_id' | 'body' | 'created_at'>,
  ): void {
    this.db
      .prepare(
        `INSERT INTO outbox_entry (local_id, idempotency_key, state, service_id, body, next_attempt_at, created_at)
         VALUES (?, ?, 'pending', ?, ?, ?, ?)`,
      )
      .run(row.local_id, row.idempotency_key, row.service_id, row.body, row.created_at, row.created_at);
  }

  insertMaterial(row: Omit<MaterialRow, 'upload_started' | 'material_id'>): void {
    this.db
      .prepare(
        `INSERT INTO outbox_material (local_id, seq, name, kind, content_type, bytes, size, sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.local_id, row.seq, row.name, row.kind, row.content_type, row.bytes, row.size, row.sha256);
  }

  materials(localId: string): MaterialRow[] {
    return this.db
      .prepare('SELECT * FROM outbox_material WHERE local_id = ? ORDER BY seq')
      .all(localId) as MaterialRow[];
  }

  materialCounts(localId: string): { total: number; uploaded: number } {
    return this.db
      .prepare(
        `SELECT COUNT(*) AS total, COUNT(material_id) AS uploaded FROM outbox_material WHERE local_id = ?`,
      )
      .get(localId) as { total: number; uploaded: number };
  }

  markSending(localId: string): void {
    this.db
      .prepare(`UPDATE outbox_entry SET state = 'sending', attempts = attempts + 1 WHERE local_id = ?`)
      .run(localId);
  }

  recordFiling(localId: string, filingId: string, trackingNumber: string, receipt: string): void {
    this.db
      .prepare('UPDATE outbox_entry SET filing_id = ?, tracking_number = ?, receipt = ? WHERE local_id = ?')
      .run(filingId, trackingNumber, receipt, localId);
  }

  markUploadStarted(localId: string, seq: number): void {
    this.db
      .prepare('UPDATE outbox_material SET upload_started = 1 WHERE local_id = ? AND seq = ?')
      .run(localId, seq);
  }

  recordMaterial(localId: string, seq: number, materialId: string): void {
    this.db
      .prepare('UPDATE outbox_material SET material_id = ?, bytes = NULL WHERE local_id = ? AND seq = ?')
      .run(materialId, localId, seq);
  }

  /** Delivered: drop every byte of personal data in the same transaction as the state change. */
  markDelivered(localId: string, at: number): void {
    this.transaction(() => {
      this.db
        .prepare(
          `UPDATE outbox_entry SET state = 'delivered', body = NULL, delivered_at = ?, failures = 0,
             last_error = NULL WHERE local_id = ?`,
        )
        .run(at, localId);
      this.db.prepare('DELETE FROM outbox_material WHERE local_id = ?').run(localId);
    });
  }

  scheduleRetry(localId: string, at: number, error: string): void {
    this.db
      .prepare(
        `UPDATE outbox_entry SET state = 'pending', failures = failures + 1, next_attempt_at = ?, last_error = ?
         WHERE local_id = ?`,
      )
      .run(at, error, localId);
  }

  markRejected(localId: string, code: string, status: number | null, reason: string): void {
    this.db
      .prepare(
        `UPDATE outbox_entry SET state = 'rejected', reject_code = ?, reject_status = ?, reject_reason = ?,
           last_error = ? WHERE local_id = ?`,
      )
      .run(code, status, reason, code, localId);
  }

  /** Makes every waiting entry due now (e.g. the network came back). */
  retryAllNow(now: number): number {
    return this.db
      .prepare(
        `UPDATE outbox_entry SET next_attempt_at = ? WHERE state IN ('pending','sending') AND next_attempt_at > ?`,
      )
      .run(now, now).changes;
  }

  /** Purges personal data of a rejected entry once staff have dealt with it. */
  discard(localId: string): boolean {
    return this.transaction(() => {
      const changed = this.db
        .prepare(`UPDATE outbox_entry SET body = NULL WHERE local_id = ? AND state = 'rejected'`)
        .run(localId).changes;
      if (changed) this.db.prepare('DELETE FROM outbox_material WHERE local_id = ?').run(localId);
      return changed > 0;
    });
  }

  /** Forgets delivered receipts older than `before` (they hold no personal data, only tracking numbers). */
  pruneDelivered(before: number): number {
    return this.db
      .prepare(`DELETE FROM outbox_entry WHERE state = 'delivered' AND delivered_at < ?`)
      .run(before).changes;
  }
}
