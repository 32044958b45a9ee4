import { createHash } from 'node:crypto';
import type { SqlExecutor, Tx } from '../db/types';
import { canonicalJson } from '../../domain/json';
import { toStorableText } from '../../domain/text';

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
 * The entry's canonical JSON split around its sequence number (keys sort as action, actor, at,
 * data, seq, subject), so PostgreSQL can put in the number it assigns under the head row's lock.
 */
function canonicalAround(entry: Omit<AuditEntry, 'seq'>): { before: string; after: string } {
  const marker = -424242.5; // not an integer: cannot collide with a real sequence number
  const json = canonicalJson({ ...entry, seq: marker });
  const at = json.indexOf(`"seq":${marker}`) + '"seq":'.length;
  return { before: json.slice(0, at), after: json.slice(at + String(marker).length) };
}

/**
 * Appends one entry to the hash chain inside the caller's transaction. The `audit_head` row is
 * the chain's newest link: locking it serialises appenders across service instances, and it is
 * held only to commit (PostgreSQL: one statement computes the hash from the locked head with
 * sha256(); SQLite: one writer anyway). The primary key on `seq` would reject a fork regardless.
 */
export async function appendAudit(
  tx: Tx,
  at: number,
  actor: string,
  action: string,
  subject: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  // The request boundary refuses unstorable text; this keeps the chain whole whatever gets here
  // (the text columns would store U+FFFD for a lone surrogate and no longer hash to the link).
  actor = toStorableText(actor);
  action = toStorableText(action);
  subject = toStorableText(subject);
  const dataJson = canonicalJson(data);
  if (tx.dialect === 'postgres') {
    const { before, after } = canonicalAround({ at, actor, action, subject, data });
    const rows = await tx.query<{ seq: number }>(
      `WITH h AS (
         UPDATE audit_head SET prev_hash = hash, seq = seq + 1,
           hash = encode(sha256(convert_to(hash || CAST(? AS TEXT) || (seq + 1)::text || CAST(? AS TEXT), 'UTF8')), 'hex')
         WHERE id = 1 RETURNING seq, prev_hash, hash)
       INSERT INTO audit_log (seq, at, actor, action, subject, data, prev_hash, hash)
       SELECT seq, CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), prev_hash, hash
       FROM h RETURNING seq`,
      [before, after, at, actor, action, subject, dataJson],
    );
    if (!rows[0]) throw new Error('audit_head row is missing');
    return;
  }
  const head = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const prev = head[0];
  if (!prev) throw new Error('audit_head row is missing');
  const entry: AuditEntry = { seq: prev.seq + 1, at, actor, action, subject, data };
  const hash = entryHash(prev.hash, entry);
  await tx.run(
    'INSERT INTO audit_log (seq, at, actor, action, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [entry.seq, at, actor, action, subject, dataJson, prev.hash, hash],
  );
  await tx.run('UPDATE audit_head SET seq = ?, prev_hash = ?, hash = ? WHERE id = 1', [
    entry.seq,
    prev.hash,
    hash,
  ]);
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
  // The head row says how far the chain reached: fewer entries means its newest were cut off.
  const stored = (
    await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')
  )[0];
  const anchors = [anchor, stored?.seq ? stored : undefined].filter((a) => a !== undefined);
  const done = (): AuditVerification => {
    const entries = expectedSeq - 1;
    const head = entries > 0 ? { head: { seq: entries, hash: prevHash } } : {};
    if (anchors.some((a) => entries < a.seq)) return { ok: false, entries, brokenAt: entries + 1, ...head };
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
      const anchorMismatch = anchors.some((a) => r.seq === a.seq && r.hash !== a.hash);
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
