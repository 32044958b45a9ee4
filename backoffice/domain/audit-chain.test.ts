import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../domain/json';
import { migrate } from '../db/migrations';
import { openSqlite } from '../db/sqlite';
import type { Database, Tx } from '../db/types';
import { appendAudit, entryHash, GENESIS_HASH, verifyAudit } from './audit';

// The hash chain over an in-memory SQLite database: what appendAudit links and what verifyAudit
// accepts, including the tampering it must report (triggers make the log append-only, so the
// tests drop them to play the attacker).
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function chain(n: number): Promise<Database> {
  db = openSqlite(':memory:');
  await migrate(db, 0);
  for (let i = 1; i <= n; i++)
    await db.transaction((tx) => appendAudit(tx, 1000 + i, 'staff:li', 'filing.accept', `f${i}`, { i }));
  await db.run('DROP TRIGGER audit_log_no_update');
  await db.run('DROP TRIGGER audit_log_no_delete');
  return db;
}

describe('audit chain', () => {
  it('links each entry to the previous hash from the genesis hash on, and keeps the head row', async () => {
    const d = await chain(3);
    const rows = await d.query<{ seq: number; prev_hash: string; hash: string; data: string }>(
      'SELECT seq, prev_hash, hash, data FROM audit_log ORDER BY seq',
    );
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[0]?.hash).toBe(
      entryHash(GENESIS_HASH, {
        seq: 1,
        at: 1001,
        actor: 'staff:li',
        action: 'filing.accept',
        subject: 'f1',
        data: { i: 1 },
      }),
    );
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.data).toBe('{"i":3}');
    const head = await d.query('SELECT seq, prev_hash, hash FROM audit_head');
    expect(head).toEqual([{ seq: 3, prev_hash: rows[1]?.hash, hash: rows[2]?.hash }]);
    expect(await verifyAudit(d)).toEqual({ ok: true, entries: 3, head: { seq: 3, hash: rows[2]?.hash } });
    // pages of one and two entries walk the same chain
    expect(await verifyAudit(d, 1)).toEqual(await verifyAudit(d));
    expect(await verifyAudit(d, 2)).toEqual(await verifyAudit(d));
  });

  it('stores a lone surrogate as U+FFFD so the stored text still hashes to its link', async () => {
    db = openSqlite(':memory:');
    await migrate(db, 0);
    await db.transaction((tx) => appendAudit(tx, 1, 'x\ud800', 'login.fail\udc00', 's\ud800'));
    const [row] = await db.query<{ actor: string; action: string; subject: string; data: string }>(
      'SELECT actor, action, subject, data FROM audit_log',
    );
    expect(row).toEqual({ actor: 'x\ufffd', action: 'login.fail\ufffd', subject: 's\ufffd', data: '{}' });
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('verifies an empty chain with no head', async () => {
    const d = await chain(0);
    expect(await verifyAudit(d)).toEqual({ ok: true, entries: 0 });
  });

  it.each([
    ['a changed subject', "UPDATE audit_log SET subject = 'fX' WHERE seq = 2"],
    ['a relinked entry', "UPDATE audit_log SET prev_hash = 'x' WHERE seq = 2"],
    ['a changed hash', "UPDATE audit_log SET hash = 'x' WHERE seq = 2"],
    ['data that is not JSON', "UPDATE audit_log SET data = '{' WHERE seq = 2"],
  ])('reports the first broken entry: %s', async (_label, tamper) => {
    const d = await chain(3);
    await d.run(tamper);
    expect(await verifyAudit(d)).toEqual({ ok: false, entries: 1, brokenAt: 2 });
  });

  it('reports a removed entry even when the next one is relinked and rehashed around it', async () => {
    const d = await chain(3);
    const [first] = await d.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 1');
    const third = {
      seq: 3,
      at: 1003,
      actor: 'staff:li',
      action: 'filing.accept',
      subject: 'f3',
      data: { i: 3 },
    };
    const forged = entryHash(first?.hash ?? '', third);
    await d.run('DELETE FROM audit_log WHERE seq = 2');
    await d.run('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = 3', [first?.hash, forged]);
    await d.run('UPDATE audit_head SET hash = ?', [forged]);
    expect(await verifyAudit(d)).toEqual({ ok: false, entries: 1, brokenAt: 2 });
  });

  it('verifies a chain whose head row is missing against the chain alone', async () => {
    const d = await chain(2);
    await d.run('DELETE FROM audit_head');
    expect(await verifyAudit(d)).toMatchObject({ ok: true, entries: 2 });
  });

  it('reports a gap in the sequence at the missing number', async () => {
    const d = await chain(3);
    await d.run('DELETE FROM audit_log WHERE seq = 2');
    expect(await verifyAudit(d)).toEqual({ ok: false, entries: 1, brokenAt: 2 });
  });

  it('reports a cut-off tail through the head row, and through an anchor recorded earlier', async () => {
    const d = await chain(3);
    const before = await verifyAudit(d);
    await d.run('DELETE FROM audit_log WHERE seq = 3');
    const cut = await verifyAudit(d);
    expect(cut).toMatchObject({ ok: false, entries: 2, brokenAt: 3, head: { seq: 2 } });
    // the attacker also rewinds the head row: only the anchor still shows the cut
    await d.run('UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2)');
    expect((await verifyAudit(d)).ok).toBe(true);
    expect(await verifyAudit(d, 5000, before.head)).toMatchObject({ ok: false, entries: 2, brokenAt: 3 });
  });

  it('reports an anchor whose hash the chain no longer has', async () => {
    const d = await chain(2);
    const anchor = { seq: 1, hash: 'f'.repeat(64) };
    // a head row whose hash the chain does not have is the same finding
    await d.run(`UPDATE audit_head SET hash = '${'e'.repeat(64)}'`);
    expect(await verifyAudit(d)).toEqual({ ok: false, entries: 1, brokenAt: 2 });
    await d.run('UPDATE audit_head SET hash = (SELECT hash FROM audit_log WHERE seq = 2)');
    expect(await verifyAudit(d, 5000, anchor)).toEqual({ ok: false, entries: 0, brokenAt: 1 });
  });

  it('refuses to append without the head row', async () => {
    const d = await chain(0);
    await d.run('DELETE FROM audit_head');
    await expect(d.transaction((tx) => appendAudit(tx, 1, 'a', 'b', 'c'))).rejects.toThrow(
      'audit_head row is missing',
    );
  });
});

describe('audit chain on PostgreSQL', () => {
  // PostgreSQL computes the link itself: hash || before || seq || after must be the entry's
  // canonical JSON with the sequence number it assigns.
  function pgTx(rows: { seq: number }[]) {
    const calls: { sql: string; params: readonly unknown[] }[] = [];
    const tx: Tx = {
      dialect: 'postgres',
      query: <T>(sql: string, params: readonly unknown[] = []) => {
        calls.push({ sql, params });
        return Promise.resolve(rows as T[]);
      },
      run: () => Promise.reject(new Error('not used')),
      lock: () => Promise.resolve(),
    };
    return { tx, calls };
  }

  it('splits the canonical entry around the sequence number', async () => {
    const { tx, calls } = pgTx([{ seq: 17 }]);
    await appendAudit(tx, 5, 'kiosk:k1', 'filing.create', 'f1', { x: [1, 'a'] });
    expect(calls).toHaveLength(1);
    // one statement advances the head and appends the row
    expect(calls[0]?.sql).toMatch(/UPDATE audit_head[\s\S]*INSERT INTO audit_log/);
    const [before, after, ...rest] = calls[0]?.params ?? [];
    expect(`${String(before)}17${String(after)}`).toBe(
      canonicalJson({
        seq: 17,
        at: 5,
        actor: 'kiosk:k1',
        action: 'filing.create',
        subject: 'f1',
        data: { x: [1, 'a'] },
      }),
    );
    expect(rest).toEqual([5, 'kiosk:k1', 'filing.create', 'f1', '{"x":[1,"a"]}']);
  });

  it('refuses to append without the head row', async () => {
    const { tx } = pgTx([]);
    await expect(appendAudit(tx, 5, 'a', 'b', 'c')).rejects.toThrow('audit_head row is missing');
  });
});
