import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../backoffice/index';
import { appendAudit } from '../../../backoffice/domain/audit';
import {
  BACKENDS,
  BackendHarness,
  genericBody,
  loginStaff,
  registerKiosk,
} from '../../helpers/backoffice-server';

const API = '/api/v1';

describe.each(BACKENDS)('staff, audit chain and meta on %s', (backend) => {
  const harness = new BackendHarness(backend);
  let app: FastifyInstance;
  let db: Database;
  let kiosk: Record<string, string>;

  beforeAll(async () => {
    ({ app, db } = await harness.start());
    kiosk = await registerKiosk(app);
  });
  afterAll(() => harness.stop());

  it('logs staff in with scrypt-hashed passwords and enforces roles per route', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: `${API}/staff/login`,
      payload: { username: 'clerk', password: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ error: { code: 'badCredentials' } });
    const ghost = () =>
      app.inject({
        method: 'POST',
        url: `${API}/staff/login`,
        payload: { username: 'ghost', password: 'x' },
      });
    const tries: number[] = [];
    for (let i = 0; i < 6; i++) tries.push((await ghost()).statusCode);
    expect(tries).toEqual([401, 401, 401, 401, 423, 423]);
    const hashes = await db.query<{ password_hash: string }>('SELECT password_hash FROM staff_users');
    expect(hashes.length).toBe(3);
    for (const h of hashes) expect(h.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);

    const technician = await loginStaff(app, 'technician');
    const clerk = await loginStaff(app, 'clerk');
    const supervisor = await loginStaff(app, 'supervisor');
    const { filingId } = (
      await app.inject({
        method: 'POST',
        url: `${API}/filings`,
        headers: { ...kiosk, 'idempotency-key': 'staff-roles-0001' },
        payload: genericBody(),
      })
    ).json<{ filingId: string }>();
    const post = (path: string, h: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `${API}/staff/filings/${filingId}/${path}`,
        headers: h,
        payload: {},
      });
    expect((await post('accept', technician)).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: `${API}/staff/filings`, headers: technician })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: `${API}/staff/kiosks`, headers: technician })).statusCode,
    ).toBe(200);
    expect((await post('accept', clerk)).statusCode).toBe(200);
    expect((await post('approve', technician)).statusCode).toBe(403);
    expect((await post('approve', clerk)).statusCode).toBe(403);
    expect((await post('approve', supervisor)).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: `${API}/staff/audit/verify`, headers: clerk })).statusCode,
    ).toBe(403);
    // A kiosk credential is not a staff token and vice versa.
    expect(
      (await app.inject({ method: 'GET', url: `${API}/staff/filings`, headers: kiosk })).statusCode,
    ).toBe(401);
    const asStaff = await app.inject({
      method: 'POST',
      url: `${API}/filings`,
      headers: { ...supervisor, 'idempotency-key': 'staff-as-kiosk-1' },
      payload: genericBody(),
    });
    expect(asStaff.statusCode).toBe(401);
    // Staff see the applicant; kiosks only masked values.
    const staffView = await app.inject({
      method: 'GET',
      url: `${API}/filings/${filingId}`,
      headers: supervisor,
    });
    expect(staffView.json()).toMatchObject({ applicant: { idNumber: genericBody().applicant.idNumber } });
    const kioskView = await app.inject({ method: 'GET', url: `${API}/filings/${filingId}`, headers: kiosk });
    expect(kioskView.body).not.toContain(genericBody().applicant.idNumber);
  });

  it('chains entries holding any text the same way in the database and in the verifier', async () => {
    const awkward = [
      '张晓明 "引号" \\反斜杠\\',
      '😀 emoji',
      'tab\tnew\nline \u0001',
      "'; DROP TABLE x; --",
      'Ünïcödé ß',
    ];
    for (const [i, text] of awkward.entries()) {
      await db.transaction((tx) =>
        appendAudit(tx, 1_800_000_000_000 + i, `staff:测试${i}`, 'test.text', text, {
          text,
          nested: { list: [text, i] },
        }),
      );
    }
    const supervisor = await loginStaff(app, 'supervisor');
    const r = await app.inject({ method: 'GET', url: `${API}/staff/audit/verify`, headers: supervisor });
    expect(r.json()).toMatchObject({ ok: true });
    const rows = await db.query<{ subject: string }>(
      `SELECT subject FROM audit_log WHERE action = 'test.text' ORDER BY seq`,
    );
    expect(rows.map((x) => x.subject)).toEqual(awkward);
  });

  it('refuses to change or delete audit entries through the service database connection', async () => {
    await expect(db.run(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    if (backend === 'postgres') await expect(db.run('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const rows = await db.query<{ actor: string }>('SELECT actor FROM audit_log WHERE seq = 1');
    expect(rows[0]?.actor).not.toBe('x');
  });

  it('records logout, export and verification, and ends the session at logout', async () => {
    const clerk = await loginStaff(app, 'clerk');
    const csv = await app.inject({ method: 'GET', url: `${API}/staff/ratings/export.csv`, headers: clerk });
    expect(csv.statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: `${API}/staff/logout`, headers: clerk, payload: {} });
    expect(out.statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: `${API}/staff/filings`, headers: clerk });
    expect(after.statusCode).toBe(401);
    const supervisor = await loginStaff(app, 'supervisor');
    await app.inject({ method: 'GET', url: `${API}/staff/audit/verify`, headers: supervisor });
    const tail = await db.query<{ actor: string; action: string }>(
      'SELECT actor, action FROM audit_log ORDER BY seq DESC LIMIT 5',
    );
    expect(tail.map((t) => `${t.actor} ${t.action}`).reverse()).toEqual([
      'staff:clerk staff.login',
      'staff:clerk ratings.export',
      'staff:clerk staff.logout',
      'staff:supervisor staff.login',
      'staff:supervisor audit.verify',
    ]);
  });

  it('detects an entry changed or removed by someone who bypassed the guard, and a cut-off tail', async () => {
    const supervisor = await loginStaff(app, 'supervisor');
    const verify = (q = '') =>
      app.inject({ method: 'GET', url: `${API}/staff/audit/verify${q}`, headers: supervisor });
    const before = (await verify()).json<{
      ok: boolean;
      entries: number;
      head: { seq: number; hash: string };
    }>();
    expect(before.ok).toBe(true);
    expect(before.entries).toBeGreaterThanOrEqual(8);
    expect(before.head.seq).toBe(before.entries);
    const anchor = `?anchorSeq=${before.head.seq}&anchorHash=${before.head.hash}`;
    expect((await verify(anchor)).json()).toMatchObject({ ok: true });
    const actions = await db.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq');
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'kiosk.register',
        'staff.login',
        'staff.loginFailed',
        'filing.create',
        'filing.transition',
        'filing.view',
      ]),
    );
    // A database administrator drops the guard and edits history.
    if (backend === 'sqlite') {
      await db.run('DROP TRIGGER audit_log_no_update');
      await db.run('DROP TRIGGER audit_log_no_delete');
    } else {
      await db.run('DROP TRIGGER audit_log_append_only ON audit_log');
    }
    // Cutting off the newest entries: the head row still says how far the chain reached.
    const cutAt = before.head.seq - 1;
    await db.run('DELETE FROM audit_log WHERE seq >= ?', [cutAt]);
    expect((await verify()).json()).toMatchObject({ ok: false, entries: cutAt - 1, brokenAt: cutAt });
    // Rewinding the head row too leaves a chain that checks out: only the anchor kept elsewhere shows it.
    await db.run('DELETE FROM audit_log WHERE seq >= ?', [cutAt]); // also the entry that check wrote
    const last = await db.query<{ seq: number; prev_hash: string; hash: string }>(
      'SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    await db.run('UPDATE audit_head SET seq = ?, prev_hash = ?, hash = ? WHERE id = 1', [
      last[0]!.seq,
      last[0]!.prev_hash,
      last[0]!.hash,
    ]);
    expect((await verify()).json()).toMatchObject({ ok: true, entries: cutAt - 1 });
    expect((await verify(anchor)).json()).toMatchObject({ ok: false });
    // Editing or removing an entry in the middle breaks the chain right there.
    await db.run(`UPDATE audit_log SET data = ? WHERE seq = 5`, ['{"to":"approved"}']);
    expect((await verify()).json()).toEqual({ ok: false, entries: 4, brokenAt: 5 });
    await db.run('DELETE FROM audit_log WHERE seq = 5');
    expect((await verify()).json()).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('serves an OpenAPI 3.1 document generated from the schemas, and /healthz', async () => {
    const doc = (await app.inject({ method: 'GET', url: `${API}/openapi.json` })).json<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>
      >;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/v1/kiosks/register',
      '/api/v1/kiosks/{kioskId}/heartbeat',
      '/api/v1/filings',
      '/api/v1/filings/{filingId}/materials',
      '/api/v1/progress',
      '/api/v1/lockers/pickup/verify',
      '/api/v1/staff/filings/{id}/locker-assignment',
      '/api/v1/staff/audit/verify',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    const filingBody = doc.paths['/api/v1/filings']?.post?.requestBody?.content['application/json']?.schema;
    expect(filingBody?.required).toEqual(
      expect.arrayContaining(['serviceId', 'kioskId', 'applicant', 'form', 'delivery']),
    );
    expect(doc.paths['/api/v1/filings/{filingId}/materials']?.post?.requestBody?.content).toHaveProperty(
      'image/jpeg',
    );
    const h = await app.inject({ method: 'GET', url: '/healthz' });
    expect(h.json()).toEqual({ ok: true, db: backend });
    const missing = await app.inject({ method: 'GET', url: `${API}/nope` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'notFound' } });
  });
});
