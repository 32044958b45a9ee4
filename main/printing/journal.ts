/**
 * The print journal: one row per idempotency key (one printed thing), receipts and A4 jobs alike,
 * in `printing.sqlite` in the kiosk's data directory. It holds states and job ids only, never a
 * document (receipts and certificates carry names and ID numbers), so a crash or a retry can tell
 * what was printed without keeping what was printed.
 */
import type { PrintJob, PrintJournal } from '../../devices/escpos-printer';
import { openDurableSqlite, type OpenSqlite, type SqliteDatabase } from '../backend';
import type { PrintKind, PrintReason, PrintState } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS print_job (
  key               TEXT PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('receipt','a4')),
  state             TEXT NOT NULL,
  reason            TEXT,
  job_id            TEXT,
  template_id       TEXT,
  attempts          INTEGER NOT NULL DEFAULT 0,
  partially_printed INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS print_job_updated ON print_job (updated_at);
`;

interface Row {
  key: string;
  kind: PrintKind;
  state: string;
  reason: string | null;
  job_id: string | null;
  template_id: string | null;
  attempts: number;
  partially_printed: number;
  created_at: number;
  updated_at: number;
}

/** An A4 job as journaled: which template, which spooler job, how far it got. */
export interface A4Entry {
  key: string;
  templateId: string;
  state: Extract<PrintState, 'rendering' | 'held' | 'printing' | 'completed' | 'failed' | 'canceled'>;
  reason?: PrintReason | undefined;
  jobId?: string | undefined;
  attempts: number;
  updatedAt: number;
}

/** A key used for one kind of printed thing and then for another: a caller's bug, never printed. */
export class PrintKeyConflict extends Error {
  override readonly name = 'PrintKeyConflict';
  constructor(
    readonly key: string,
    readonly recorded: PrintKind,
  ) {
    super(`print key ${key} was already used for a ${recorded} job`);
  }
}

export interface PrintJournalOptions {
  dataDir: string;
  openDatabase: OpenSqlite;
  now?: () => number;
  /** Rows untouched this long are dropped at open (default 30 days): keys are per session. */
  retentionMs?: number;
}

export class PrintJournalStore {
  readonly #db: SqliteDatabase;
  readonly #now: () => number;

  constructor(opts: PrintJournalOptions) {
    this.#db = openDurableSqlite(opts.dataDir, 'printing.sqlite', opts.openDatabase);
    this.#db.exec(SCHEMA);
    this.#now = opts.now ?? Date.now;
    const before = this.#now() - (opts.retentionMs ?? 30 * 24 * 3600_000);
    this.#db.prepare('DELETE FROM print_job WHERE updated_at < ?').run(before);
  }

  /**
   * The receipt printer driver's journal (EscposPrinterDriver's `journal` option): its job states
   * by key. Pass it when building the driver so its idempotency holds across restarts.
   */
  readonly receipts: PrintJournal = {
    get: (key) => {
      const row = this.#row(key);
      if (!row) return undefined;
      if (row.kind !== 'receipt') throw new PrintKeyConflict(key, row.kind);
      return {
        id: row.job_id ?? key,
        key,
        state: row.state as PrintJob['state'],
        ...(row.reason ? { reason: row.reason as NonNullable<PrintJob['reason']> } : {}),
        attempts: row.attempts,
        partiallyPrinted: row.partially_printed === 1,
        updatedAt: row.updated_at,
      };
    },
    put: (job) => {
      this.#upsert('receipt', job.key, {
        state: job.state,
        reason: job.reason ?? null,
        job_id: job.id,
        template_id: null,
        attempts: job.attempts,
        partially_printed: job.partiallyPrinted ? 1 : 0,
      });
    },
  };

  a4(key: string): A4Entry | undefined {
    const row = this.#row(key);
    if (!row) return undefined;
    if (row.kind !== 'a4') throw new PrintKeyConflict(key, row.kind);
    return {
      key,
      templateId: row.template_id ?? '',
      state: row.state as A4Entry['state'],
      ...(row.reason ? { reason: row.reason as PrintReason } : {}),
      ...(row.job_id ? { jobId: row.job_id } : {}),
      attempts: row.attempts,
      updatedAt: row.updated_at,
    };
  }

  putA4(entry: Omit<A4Entry, 'updatedAt'>): void {
    this.#upsert('a4', entry.key, {
      state: entry.state,
      reason: entry.reason ?? null,
      job_id: entry.jobId ?? null,
      template_id: entry.templateId,
      attempts: entry.attempts,
      partially_printed: 0,
    });
  }

  /** The kind a key was used for, if any (a receipt key cannot become an A4 job, or back). */
  kindOf(key: string): PrintKind | undefined {
    return this.#row(key)?.kind;
  }

  close(): void {
    this.#db.close();
  }

  #row(key: string): Row | undefined {
    return this.#db.prepare('SELECT * FROM print_job WHERE key = ?').get(key) as Row | undefined;
  }

  #upsert(
    kind: PrintKind,
    key: string,
    v: Pick<Row, 'state' | 'reason' | 'job_id' | 'template_id' | 'attempts' | 'partially_printed'>,
  ): void {
    const now = this.#now();
    const changed = this.#db
      .prepare(
        `INSERT INTO print_job (key, kind, state, reason, job_id, template_id, attempts, partially_printed, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET state = excluded.state, reason = excluded.reason,
           job_id = COALESCE(excluded.job_id, print_job.job_id),
           template_id = COALESCE(excluded.template_id, print_job.template_id),
           attempts = excluded.attempts, partially_printed = excluded.partially_printed,
           updated_at = excluded.updated_at
         WHERE print_job.kind = excluded.kind`,
      )
      .run(key, kind, v.state, v.reason, v.job_id, v.template_id, v.attempts, v.partially_printed, now, now);
    if (changed.changes === 0) throw new PrintKeyConflict(key, kind === 'a4' ? 'receipt' : 'a4');
  }
}
