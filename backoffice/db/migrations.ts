import { translateDdl } from './dialect';
import type { Database, Dialect } from './types';

export interface Migration {
  version: number;
  name: string;
  /** Portable DDL, split on `;` (types from dialect.ts tokens). */
  sql: string;
  /** Statements that cannot be portable (triggers), one list per dialect, run after `sql`. */
  perDialect?: Record<Dialect, readonly string[]>;
}

/** Option ids of the back office's interim 好差评 list → the ids of domain/rating (migration 7). */
export const RENAMED_RATING_OPTIONS: readonly (readonly [string, string])[] = [
  ['oneVisit', 'doneInOneVisit'],
  ['fastService', 'fast'],
  ['clearGuide', 'guideClear'],
  ['multipleVisits', 'notDone'],
  ['slowService', 'slow'],
  ['unclearGuide', 'guideUnclear'],
  ['terminalProblem', 'terminalFault'],
];

/**
 * Numbered migrations shared by both dialects. Types use portable names (TEXT, INTEGER) or the
 * tokens of dialect.ts. Timestamps are epoch milliseconds ({{bigint}}); JSON is stored as TEXT.
 * Never edit an applied migration: append a new one.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE kiosks (
  kiosk_id TEXT PRIMARY KEY, name TEXT NOT NULL, site TEXT NOT NULL,
  credential_hash TEXT NOT NULL UNIQUE, registered_at {{bigint}} NOT NULL,
  last_heartbeat_at {{bigint}}, app_version TEXT, config_version INTEGER, session TEXT,
  devices TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE site_config (
  id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL,
  catalogue TEXT NOT NULL, site TEXT NOT NULL, updated_at {{bigint}} NOT NULL
);
CREATE TABLE blobs (
  id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, content_type TEXT NOT NULL,
  data {{blob}} NOT NULL, created_at {{bigint}} NOT NULL
);
CREATE TABLE filings (
  filing_id TEXT PRIMARY KEY, tracking_number TEXT NOT NULL UNIQUE, service_id TEXT NOT NULL,
  kiosk_id TEXT NOT NULL, applicant_id_number TEXT NOT NULL, applicant_id_hash TEXT NOT NULL,
  applicant_name TEXT NOT NULL, applicant_phone TEXT, form TEXT NOT NULL, delivery TEXT NOT NULL,
  status TEXT NOT NULL, submitted_at {{bigint}} NOT NULL, updated_at {{bigint}} NOT NULL,
  result_blob_id TEXT REFERENCES blobs(id), decision_reason TEXT, missing TEXT
);
CREATE INDEX filings_applicant ON filings (applicant_id_hash);
CREATE INDEX filings_status ON filings (status, submitted_at);
CREATE TABLE filing_events (
  id {{autoinc}}, filing_id TEXT NOT NULL REFERENCES filings(filing_id), from_status TEXT,
  to_status TEXT NOT NULL, at {{bigint}} NOT NULL, actor TEXT NOT NULL, reason TEXT
);
CREATE INDEX filing_events_filing ON filing_events (filing_id, id);
CREATE TABLE materials (
  material_id TEXT PRIMARY KEY, filing_id TEXT NOT NULL REFERENCES filings(filing_id),
  name TEXT NOT NULL, kind TEXT NOT NULL, blob_id TEXT NOT NULL REFERENCES blobs(id),
  bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, created_at {{bigint}} NOT NULL
);
CREATE INDEX materials_filing ON materials (filing_id);
CREATE TABLE idempotency (
  kiosk_id TEXT NOT NULL, idem_key TEXT NOT NULL, request_hash TEXT NOT NULL, response TEXT,
  created_at {{bigint}} NOT NULL, PRIMARY KEY (kiosk_id, idem_key)
);
CREATE TABLE counters (name TEXT PRIMARY KEY, value {{bigint}} NOT NULL);
CREATE TABLE attempts (
  scope TEXT PRIMARY KEY, window_start {{bigint}} NOT NULL, failures INTEGER NOT NULL,
  locked_until {{bigint}} NOT NULL
);
CREATE TABLE deposits (
  deposit_id TEXT PRIMARY KEY, filing_id TEXT NOT NULL REFERENCES filings(filing_id),
  kiosk_id TEXT NOT NULL, cabinet_id TEXT NOT NULL, board INTEGER NOT NULL, door INTEGER NOT NULL,
  deposited_at {{bigint}} NOT NULL
);
CREATE TABLE pickups (
  pickup_id TEXT PRIMARY KEY, filing_id TEXT NOT NULL REFERENCES filings(filing_id),
  kiosk_id TEXT NOT NULL, cabinet_id TEXT NOT NULL, board INTEGER NOT NULL, door INTEGER NOT NULL,
  code_hash TEXT NOT NULL, state TEXT NOT NULL, expires_at {{bigint}} NOT NULL,
  created_at {{bigint}} NOT NULL, verified_at {{bigint}}, collected_at {{bigint}},
  door_opened_at TEXT, door_closed_at TEXT
);
CREATE INDEX pickups_code ON pickups (code_hash, state);
CREATE INDEX pickups_kiosk ON pickups (kiosk_id, state);
CREATE TABLE ratings (
  filing_id TEXT PRIMARY KEY REFERENCES filings(filing_id), level INTEGER NOT NULL,
  indicators TEXT, comment TEXT, kiosk_id TEXT NOT NULL, rated_at {{bigint}} NOT NULL
);
CREATE INDEX ratings_at ON ratings (rated_at);
CREATE TABLE staff_users (
  username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL,
  display_name TEXT NOT NULL, created_at {{bigint}} NOT NULL
);
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES staff_users(username),
  role TEXT NOT NULL, display_name TEXT NOT NULL, expires_at {{bigint}} NOT NULL
);
CREATE TABLE audit_log (
  seq {{bigint}} PRIMARY KEY, at {{bigint}} NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  subject TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'locker door occupancy; append-only audit log',
    sql: `
ALTER TABLE deposits ADD COLUMN retrieved_at {{bigint}};
ALTER TABLE deposits ADD COLUMN retrieved_by TEXT;
ALTER TABLE pickups ADD COLUMN withdrawn_at {{bigint}};
ALTER TABLE pickups ADD COLUMN withdrawn_by TEXT;
CREATE INDEX deposits_door ON deposits (kiosk_id, cabinet_id, board, door);
CREATE INDEX pickups_door ON pickups (kiosk_id, cabinet_id, board, door);
CREATE INDEX pickups_filing ON pickups (filing_id, state);
`,
    // The hash chain detects tampering; these make the service's own connections unable to do it.
    perDialect: {
      sqlite: [
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
      ],
      postgres: [
        "CREATE FUNCTION yizhan_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
        'CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION yizhan_audit_append_only()',
        'CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION yizhan_audit_append_only()',
      ],
    },
  },
  {
    version: 3,
    name: 'audit chain head row',
    // One row holding the chain's newest link: appends lock this row (not a global lock + read),
    // and verification compares the chain with it, so a cut-off tail shows without an anchor.
    sql: `
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1), seq {{bigint}} NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, prev_hash, hash)
  SELECT 1, 0, '${'0'.repeat(64)}', '${'0'.repeat(64)}' WHERE NOT EXISTS (SELECT 1 FROM audit_log);
INSERT INTO audit_head (id, seq, prev_hash, hash)
  SELECT 1, seq, prev_hash, hash FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log);
`,
  },
  {
    version: 4,
    name: 'queue tickets and appointment check-ins',
    // One queue per (site, theme, CST day); the number comes from the `counters` row of that queue.
    // A check-in is claimed once per appointment (primary key) and names the ticket it yielded.
    sql: `
CREATE TABLE queue_tickets (
  ticket_id TEXT PRIMARY KEY, site TEXT NOT NULL, theme TEXT NOT NULL, day TEXT NOT NULL,
  number INTEGER NOT NULL, label TEXT NOT NULL, priority INTEGER NOT NULL, kiosk_id TEXT NOT NULL,
  holder_hash TEXT, appointment_id TEXT, state TEXT NOT NULL, taken_at {{bigint}} NOT NULL,
  called_at {{bigint}}, counter TEXT, called_by TEXT, recalls INTEGER NOT NULL DEFAULT 0,
  closed_at {{bigint}}, UNIQUE (site, theme, day, number)
);
CREATE INDEX queue_tickets_waiting ON queue_tickets (site, day, state, theme, priority, number);
CREATE INDEX queue_tickets_holder ON queue_tickets (holder_hash, day);
CREATE TABLE appointment_checkins (
  appointment_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, holder_hash TEXT NOT NULL,
  ticket_id TEXT NOT NULL REFERENCES queue_tickets(ticket_id), at {{bigint}} NOT NULL
);
`,
  },
  {
    version: 5,
    name: '好差评 options, channel, call-back and forwarding',
    // The ratings row is the forwarding outbox: pending → sent | rejected, with attempts, the next
    // due time and a lease so that one instance sends it at a time. Ratings taken before this
    // migration were never forwarded: they are due now. Every 差评 awaits a call-back (回访).
    sql: `
ALTER TABLE ratings ADD COLUMN options TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ratings ADD COLUMN channel TEXT NOT NULL DEFAULT 'selfServiceTerminal';
ALTER TABLE ratings ADD COLUMN callback_state TEXT;
ALTER TABLE ratings ADD COLUMN callback_at {{bigint}};
ALTER TABLE ratings ADD COLUMN callback_by TEXT;
ALTER TABLE ratings ADD COLUMN callback_reached INTEGER;
ALTER TABLE ratings ADD COLUMN callback_note TEXT;
ALTER TABLE ratings ADD COLUMN forward_state TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE ratings ADD COLUMN forward_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ratings ADD COLUMN forward_next_at {{bigint}} NOT NULL DEFAULT 0;
ALTER TABLE ratings ADD COLUMN forward_lease_until {{bigint}};
ALTER TABLE ratings ADD COLUMN forward_error TEXT;
ALTER TABLE ratings ADD COLUMN forwarded_at {{bigint}};
ALTER TABLE ratings ADD COLUMN forward_ref TEXT;
UPDATE ratings SET callback_state = 'pending' WHERE level <= 2;
CREATE INDEX ratings_forward ON ratings (forward_state, forward_next_at);
`,
  },
  {
    version: 6,
    name: 'filing history events besides status changes',
    // Locker doors, deposits and ratings belong in a filing's history next to its status changes.
    sql: `ALTER TABLE filing_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status'`,
  },
  {
    version: 7,
    name: '好差评 option ids of the shared domain/rating',
    // The back office's interim option list became domain/rating, one definition with the kiosk's:
    // seven ids were renamed. Stored option lists are JSON arrays of quoted ids, so a quoted
    // replacement cannot touch a longer id. (Audit entries keep the ids of their time: the chain
    // covers them.)
    sql: RENAMED_RATING_OPTIONS.map(
      ([from, to]) => `UPDATE ratings SET options = REPLACE(options, '"${from}"', '"${to}"')`,
    ).join(';\n'),
  },
  {
    version: 8,
    name: 'security alerts (guess-limit lockouts)',
    // Shown to staff while the lockout lasts; the audit chain has the same event.
    sql: `
CREATE TABLE security_alerts (
  id {{autoinc}}, at {{bigint}} NOT NULL, kind TEXT NOT NULL, kiosk_id TEXT, username TEXT, source TEXT,
  locked_until {{bigint}} NOT NULL
);
CREATE INDEX security_alerts_until ON security_alerts (locked_until);
`,
  },
  {
    version: 9,
    name: 'kiosk service health and fault history',
    // The heartbeat's self-check and offered services (the fleet's per-service filter), and one row
    // per device fault from the heartbeat that reported it to the one that no longer did.
    sql: `
ALTER TABLE kiosks ADD COLUMN health TEXT;
CREATE TABLE kiosk_faults (
  id {{autoinc}}, kiosk_id TEXT NOT NULL, device_id TEXT NOT NULL, fault TEXT NOT NULL,
  since_at {{bigint}} NOT NULL, until_at {{bigint}}
);
CREATE INDEX kiosk_faults_kiosk ON kiosk_faults (kiosk_id, until_at);
`,
  },
];

/** Applies missing migrations in one transaction under a lock, so concurrent instances agree. */
export async function migrate(
  db: Database,
  now: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.lock('yizhan.migrations');
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ' +
        translateDdl('{{bigint}}', db.dialect) +
        ' NOT NULL)',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const stmt of translateDdl(m.sql, db.dialect).split(';')) {
        if (stmt.trim()) await tx.run(stmt);
      }
      for (const stmt of m.perDialect?.[db.dialect] ?? []) await tx.run(stmt);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        now,
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}
