import { createHash } from 'node:crypto';
import type { SqlExecutor, Tx } from '../db/types';
import { canonicalJson } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
}

export function entryHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/**
 * Appends one entry to the hash chain inside the caller's transaction. The named lock makes the
 * read of the head and the insert atomic across service instances; the primary key on `seq`
 * would reject a fork even if the lock were missing.
 */
export async function appendAudit(
  tx: Tx,
  at: number,
  actor: string,
  action: string,
  subject: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.lock('yizhan.audit');
  const head = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const prev = head[0] ?? { seq: 0, hash: GENESIS_HASH };
  const entry: AuditEntry = { seq: prev.seq + 1, at, actor, action, subject, data };
  await tx.run(
    'INSERT INTO audit_log (seq, at, actor, action, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [entry.seq, at, actor, action, subject, canonicalJson(data), prev.hash, entryHash(prev.hash, entry)],
  );
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  /** Last entry: record it outside the database; passing it back later as `anchor` detects truncation. */
  head?: { seq: number; hash: string };
}

/**
 * Walks the chain in pages; reports the first sequence number whose link or hash does not hold.
 * A chain alone cannot show that its newest entries were cut off: `anchor` (a head recorded
 * earlier, e.g. printed or sent to another system) must still be in the chain with the same hash.
 */
export async function verifyAudit(
  db: SqlExecutor,
  pageSize = 5000,
  anchor?: { seq: number; hash: string },
): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  const done = (): AuditVerification => {
    const entries = expectedSeq - 1;
    const head = entries > 0 ? { head: { seq: entries, hash: prevHash } } : {};
    if (anchor && entries < anchor.seq) return { ok: false, entries, brokenAt: entries + 1, ...head };
    return { ok: true, entries, ...head };
  };
  for (;;) {
    const rows = await db.query<{
      seq: number;
      at: number;
      actor: string;
      action: string;
      subject: string;
      data: string;
      prev_hash: string;
      hash: string;
    }>('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?', [expectedSeq, pageSize]);
    for (const r of rows) {
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(r.data) as Record<string, unknown>;
      } catch {
        return { ok: false, entries: expectedSeq - 1, brokenAt: r.seq };
      }
      const entry: AuditEntry = {
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        data,
      };
      const anchorMismatch = anchor !== undefined && r.seq === anchor.seq && r.hash !== anchor.hash;
      if (
        r.seq !== expectedSeq ||
        r.prev_hash !== prevHash ||
        entryHash(prevHash, entry) !== r.hash ||
        anchorMismatch
      ) {
        return { ok: false, entries: expectedSeq - 1, brokenAt: Math.min(r.seq, expectedSeq) };
      }
      prevHash = r.hash;
      expectedSeq++;
    }
    if (rows.length < pageSize) return done();
  }
}
