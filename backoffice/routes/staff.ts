import { randomBytes } from 'node:crypto';
import type { StaffRole } from '../config';
import { iso, keyedHash, sha256Hex, type Ctx } from '../context';
import { appendAudit, verifyAudit } from '../domain/audit';
import { maskIdNumber, maskName } from '../../domain/identity';
import type { FilingStatus } from '../domain/states';
import { ApiError, notFound } from '../errors';
import { actorOf } from '../http/auth';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';
import { chargeAttempt, lockedOut, raiseAlert, settleAttempt, type AlertKind } from '../services/attempts';
import { storeBlob } from '../services/blobs';
import { generateNotice } from '../services/results';
import { hashPassword, verifyPassword } from '../services/staff';
import { lockFiling, transition, type FilingRow } from '../services/transitions';
import { filingView } from '../services/views';

const DESK: readonly StaffRole[] = ['clerk', 'supervisor'];
const DECIDE: readonly StaffRole[] = ['supervisor'];

export function staffRoutes(ctx: Ctx): AnyRoute[] {
  // A fixed dummy hash keeps the login time the same for unknown users.
  const dummy = hashPassword(randomBytes(12).toString('hex'));

  function decision(
    operationId: string,
    url: string,
    summary: string,
    to: FilingStatus,
    roles: readonly StaffRole[],
    body: typeof s.reason | typeof s.requestMore | undefined,
  ): AnyRoute {
    return defineRoute({
      method: 'POST',
      url: `/staff/filings/:id/${url}`,
      operationId,
      summary,
      tag: 'staff',
      auth: 'staff',
      roles,
      params: s.staffFilingParams,
      ...(body ? { body } : {}),
      responses: { 200: s.filing },
      errors: { 404: ['notFound'], 409: ['illegalTransition'] },
      async handler({ params, body: b, principal }) {
        const input = b as { reason?: string; missing?: string[] } | undefined;
        const now = ctx.clock.now();
        const row = await ctx.db.transaction(async (tx) => {
          const cur = await lockFiling(tx, params.id);
          return transition(tx, cur, to, now, actorOf(principal), {
            ...(input?.reason ? { reason: input.reason } : {}),
            ...(input?.missing ? { missing: input.missing } : {}),
          });
        });
        return { status: 200, body: await filingView(ctx, row, principal) };
      },
    });
  }

  return [
    defineRoute({
      method: 'POST',
      url: '/staff/login',
      operationId: 'staffLogin',
      summary: 'Staff login (scrypt password hashes); returns a session token',
      tag: 'staff',
      auth: 'none',
      body: s.login,
      responses: { 200: s.loginReply },
      errors: { 401: ['badCredentials'], 423: ['lockedOut'] },
      async handler({ body, source }) {
        const rows = await ctx.db.query<{
          username: string;
          password_hash: string;
          role: StaffRole;
          display_name: string;
        }>('SELECT username, password_hash, role, display_name FROM staff_users WHERE username = ?', [
          body.username,
        ]);
        const user = rows[0];
        const now = ctx.clock.now();
        // Password guessing is limited per user name from one address, per address, and (loosely)
        // per account from everywhere: a stranger's guesses lock the account for the stranger, not
        // for the clerk at the desk. The attempt is charged before the (slow) password check, so
        // parallel guesses cannot pile up.
        const p = ctx.cfg.pickup;
        const limits = [
          { scope: `login:${body.username}@${source}`, maxFailures: p.maxFailures },
          { scope: `login.source:${source}`, maxFailures: p.maxFailuresPerSource },
          { scope: `login:${body.username}`, maxFailures: p.maxFailuresPerAccount },
        ];
        const locked = '尝试次数过多，暂时无法登录，请稍后再试 / too many failed logins, try later';
        const charge = await chargeAttempt(ctx.db, ctx.cfg, limits, now, locked);
        const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummy));
        const lockedNow = await settleAttempt(ctx.db, ctx.cfg, charge, now, Boolean(user && ok));
        if (!user || !ok) {
          await ctx.db.transaction((tx) =>
            appendAudit(tx, now, `staff:${body.username}`, 'staff.loginFailed', body.username, { source }),
          );
          for (const l of lockedNow) {
            const kind =
              l.scope === limits[0]!.scope
                ? 'loginFromSource'
                : l.scope === limits[1]!.scope
                  ? 'loginSource'
                  : 'loginAccount';
            await raiseAlert(
              ctx,
              { kind, ...(kind === 'loginSource' ? {} : { username: body.username }), source },
              now,
            );
          }
          if (lockedNow.length > 0) throw lockedOut(locked);
          throw new ApiError(401, 'badCredentials', '用户名或密码错误 / wrong username or password');
        }
        const token = randomBytes(32).toString('base64url');
        const expiresAt = now + ctx.cfg.staffSessionTtlMs;
        await ctx.db.transaction(async (tx) => {
          await tx.run('DELETE FROM staff_sessions WHERE expires_at <= ?', [now]);
          await tx.run(
            'INSERT INTO staff_sessions (token_hash, username, role, display_name, expires_at) VALUES (?, ?, ?, ?, ?)',
            [sha256Hex(token), user.username, user.role, user.display_name, expiresAt],
          );
          await appendAudit(tx, now, `staff:${user.username}`, 'staff.login', user.username, {
            role: user.role,
          });
        });
        return {
          status: 200,
          body: { token, role: user.role, displayName: user.display_name, expiresAt: iso(expiresAt) },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/filings',
      operationId: 'listFilings',
      summary: 'Filings for the desk, newest first (personal data masked)',
      tag: 'staff',
      auth: 'staff',
      roles: DESK,
      query: s.staffFilingsQuery,
      responses: { 200: s.staffFilings },
      async handler({ query }) {
        const where: string[] = [];
        const args: unknown[] = [];
        if (query.status) {
          where.push('status = ?');
          args.push(query.status);
        }
        if (query.serviceId) {
          where.push('service_id = ?');
          args.push(query.serviceId);
        }
        if (query.trackingNumber) {
          where.push('tracking_number = ?');
          args.push(query.trackingNumber.trim().toUpperCase());
        }
        if (query.idNumber) {
          where.push('applicant_id_hash = ?');
          args.push(keyedHash(ctx.cfg, 'id', query.idNumber));
        }
        const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
        const [total, rows] = await Promise.all([
          ctx.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM filings ${clause}`, args),
          ctx.db.query<FilingRow>(
            `SELECT * FROM filings ${clause} ORDER BY submitted_at DESC, filing_id LIMIT ? OFFSET ?`,
            [...args, query.pageSize, (query.page - 1) * query.pageSize],
          ),
        ]);
        return {
          status: 200,
          body: {
            total: total[0]?.n ?? 0,
            items: rows.map((r) => ({
              filingId: r.filing_id,
              trackingNumber: r.tracking_number,
              serviceId: r.service_id,
              kioskId: r.kiosk_id,
              status: r.status,
              applicantIdNumber: maskIdNumber(r.applicant_id_number),
              applicantName: maskName(r.applicant_name),
              submittedAt: iso(r.submitted_at),
              updatedAt: iso(r.updated_at),
            })),
          },
        };
      },
    }),
    decision('acceptFiling', 'accept', 'Accept a submitted filing (受理)', 'accepted', DESK, undefined),
    decision(
      'approveFiling',
      'approve',
      'Approve an accepted filing (审批通过)',
      'approved',
      DECIDE,
      undefined,
    ),
    decision(
      'rejectFiling',
      'reject',
      'Reject an accepted filing with a reason',
      'rejected',
      DECIDE,
      s.reason,
    ),
    decision(
      'requestMoreMaterials',
      'request-more',
      'Ask the applicant for more materials (补正)',
      'needsMore',
      DESK,
      s.requestMore,
    ),
    defineRoute({
      method: 'POST',
      url: '/staff/filings/:id/result',
      operationId: 'attachResult',
      summary: 'Attach the result: {generate:true} renders the service template, or a raw PDF body',
      tag: 'staff',
      auth: 'staff',
      roles: DESK,
      params: s.staffFilingParams,
      body: s.resultGenerate,
      rawTypes: ['application/pdf'],
      responses: { 200: s.filing },
      errors: { 404: ['notFound'], 409: ['illegalTransition'], 415: ['contentMismatch'] },
      async handler({ params, rawBody, principal }) {
        const now = ctx.clock.now();
        let pdf: Buffer;
        if (rawBody) {
          if (rawBody.subarray(0, 5).toString('latin1') !== '%PDF-') {
            throw new ApiError(415, 'contentMismatch', '不是 PDF 文件 / body is not a PDF');
          }
          pdf = rawBody;
        } else {
          const r = (
            await ctx.db.query<FilingRow>('SELECT * FROM filings WHERE filing_id = ?', [params.id])
          )[0];
          if (!r) throw notFound('filing');
          pdf = await generateNotice(ctx, {
            serviceId: r.service_id,
            trackingNumber: r.tracking_number,
            applicant: { idNumber: r.applicant_id_number, name: r.applicant_name },
            form: JSON.parse(r.form) as Record<string, unknown>,
            submittedAt: r.submitted_at,
            decidedBy: 'staff',
          });
        }
        const row = await ctx.db.transaction(async (tx) => {
          const cur = await lockFiling(tx, params.id);
          if (cur.status !== 'approved')
            throw new ApiError(
              409,
              'illegalTransition',
              `状态不允许此操作 / cannot go from ${cur.status} to resultReady`,
            );
          const blob = await storeBlob(tx, pdf, 'application/pdf', now);
          return transition(tx, cur, 'resultReady', now, actorOf(principal), { resultBlobId: blob.id });
        });
        return { status: 200, body: await filingView(ctx, row, principal) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/filings/:id/posted',
      operationId: 'reportResultPosted',
      summary: 'Result sent by post (resultReady → collected)',
      tag: 'staff',
      auth: 'staff',
      roles: DESK,
      params: s.staffFilingParams,
      body: s.posted,
      responses: { 200: s.filing },
      errors: { 404: ['notFound'], 409: ['illegalTransition'] },
      async handler({ params, body, principal }) {
        const now = ctx.clock.now();
        const row = await ctx.db.transaction(async (tx) => {
          const cur = await lockFiling(tx, params.id);
          return transition(tx, cur, 'collected', now, actorOf(principal), {
            reason: `邮寄 ${body.carrier} ${body.waybill}`,
          });
        });
        return { status: 200, body: await filingView(ctx, row, principal) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/audit/verify',
      operationId: 'verifyAuditChain',
      summary: 'Verify the audit hash chain',
      tag: 'staff',
      auth: 'staff',
      roles: DECIDE,
      query: s.auditVerifyQuery,
      responses: { 200: s.auditVerify },
      async handler({ query, principal }) {
        const anchor =
          query.anchorSeq !== undefined && query.anchorHash !== undefined
            ? { seq: query.anchorSeq, hash: query.anchorHash }
            : undefined;
        const result = await verifyAudit(ctx.db, 5000, anchor);
        // Recorded after the walk, so the reported head is the chain as it was checked.
        await ctx.db.transaction((tx) =>
          appendAudit(tx, ctx.clock.now(), actorOf(principal), 'audit.verify', 'audit_log', {
            ok: result.ok,
            entries: result.entries,
          }),
        );
        return { status: 200, body: result };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/alerts',
      operationId: 'listSecurityAlerts',
      summary: 'Guess-limit lockouts (pickup codes, ID-card pickups, staff logins), newest first',
      tag: 'staff',
      auth: 'staff',
      query: s.alertsQuery,
      responses: { 200: s.alertsReply },
      async handler({ query }) {
        const now = ctx.clock.now();
        const since = query.since ? Date.parse(query.since) : now - 24 * 3600_000;
        const rows = await ctx.db.query<{
          id: number;
          at: number;
          kind: AlertKind;
          kiosk_id: string | null;
          username: string | null;
          source: string | null;
          locked_until: number;
        }>(
          'SELECT * FROM security_alerts WHERE at >= ? OR locked_until > ? ORDER BY at DESC, id DESC LIMIT 200',
          [since, now],
        );
        return {
          status: 200,
          body: {
            items: rows.map((r) => ({
              alertId: String(r.id),
              at: iso(Number(r.at)),
              kind: r.kind,
              ...(r.kiosk_id ? { kioskId: r.kiosk_id } : {}),
              ...(r.username ? { username: r.username } : {}),
              ...(r.source ? { source: r.source } : {}),
              lockedUntil: iso(Number(r.locked_until)),
              active: Number(r.locked_until) > now,
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/logout',
      operationId: 'staffLogout',
      summary: 'End this staff session (the token stops working at once)',
      tag: 'staff',
      auth: 'staff',
      responses: { 200: s.okReply },
      async handler({ headers, principal }) {
        const token = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? '';
        const now = ctx.clock.now();
        await ctx.db.transaction(async (tx) => {
          await tx.run('DELETE FROM staff_sessions WHERE token_hash = ?', [sha256Hex(token)]);
          const username = principal?.kind === 'staff' ? principal.username : '';
          await appendAudit(tx, now, actorOf(principal), 'staff.logout', username);
        });
        return { status: 200, body: { ok: true as const } };
      },
    }),
  ];
}
