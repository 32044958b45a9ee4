import { randomInt, randomUUID } from 'node:crypto';
import { iso, keyedHash, type Ctx } from '../context';
import { appendAudit } from '../domain/audit';
import { maskIdNumber } from '../domain/identity';
import { ApiError, notFound } from '../errors';
import { requireKiosk } from '../http/auth';
import { defineRoute, type AnyRoute } from '../http/route';
import * as s from '../schemas';
import { assertNotLocked, recordFailure } from '../services/attempts';
import { lockFiling, transition } from '../services/transitions';

interface PickupRow {
  pickup_id: string;
  filing_id: string;
  kiosk_id: string;
  cabinet_id: string;
  board: number;
  door: number;
  state: 'waiting' | 'opened' | 'collected';
  expires_at: number;
}

const NOT_FOUND = () => new ApiError(404, 'notFound', '取件码无效或已过期 / no matching pickup');

export function lockerRoutes(ctx: Ctx): AnyRoute[] {
  const codeHash = (code: string) => keyedHash(ctx.cfg, 'pickup', code);
  return [
    defineRoute({
      method: 'POST',
      url: '/lockers/deposits',
      summary: 'A citizen put papers for a filing into a locker door',
      tag: 'lockers',
      auth: 'kiosk',
      body: s.deposit,
      responses: { 201: s.depositCreated },
      async handler({ body, principal }) {
        requireKiosk(principal, body.kioskId);
        const now = ctx.clock.now();
        const depositId = randomUUID();
        await ctx.db.transaction(async (tx) => {
          await lockFiling(tx, body.filingId);
          await tx.run(
            'INSERT INTO deposits (deposit_id, filing_id, kiosk_id, cabinet_id, board, door, deposited_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [depositId, body.filingId, body.kioskId, body.cabinetId, body.board, body.door, now],
          );
          await appendAudit(tx, now, `kiosk:${body.kioskId}`, 'locker.deposit', body.filingId, {
            depositId,
            cabinetId: body.cabinetId,
            board: body.board,
            door: body.door,
          });
        });
        return { status: 201, body: { depositId } };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/filings/:id/locker-assignment',
      summary: 'Staff put the result in a locker door; returns the single-use pickup code once',
      tag: 'lockers',
      auth: 'staff',
      roles: ['clerk', 'supervisor'],
      params: s.staffFilingParams,
      body: s.lockerAssignment,
      responses: { 201: s.lockerAssigned },
      async handler({ params, body, principal }) {
        const now = ctx.clock.now();
        const p = ctx.cfg.pickup;
        const expiresAt = now + p.ttlMs;
        const pickupId = randomUUID();
        const actor = `staff:${principal?.kind === 'staff' ? principal.username : '?'}`;
        const code = await ctx.db.transaction(async (tx) => {
          const row = await lockFiling(tx, params.id);
          if (row.status !== 'resultReady')
            throw new ApiError(409, 'illegalTransition', `结果未就绪 / filing is ${row.status}`);
          await tx.lock('yizhan.pickup-codes');
          // Codes are unique among live pickups so a code names exactly one door.
          for (let i = 0; i < 20; i++) {
            const candidate = String(randomInt(0, 10 ** p.codeDigits)).padStart(p.codeDigits, '0');
            const clash = await tx.query(
              'SELECT 1 AS one FROM pickups WHERE code_hash = ? AND state = ? AND expires_at > ?',
              [codeHash(candidate), 'waiting', now],
            );
            if (clash.length > 0) continue;
            await tx.run(
              `INSERT INTO pickups (pickup_id, filing_id, kiosk_id, cabinet_id, board, door, code_hash, state, expires_at, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)`,
              [
                pickupId,
                row.filing_id,
                body.kioskId,
                body.cabinetId,
                body.board,
                body.door,
                codeHash(candidate),
                expiresAt,
                now,
              ],
            );
            await appendAudit(tx, now, actor, 'locker.assign', row.filing_id, {
              pickupId,
              kioskId: body.kioskId,
              cabinetId: body.cabinetId,
              board: body.board,
              door: body.door,
            });
            return candidate;
          }
          throw new ApiError(
            503,
            'noCodeAvailable',
            '取件码生成失败，请重试 / could not allocate a pickup code',
          );
        });
        return { status: 201, body: { pickupId, pickupCode: code, expiresAt: iso(expiresAt) } };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/lockers/pickup/verify',
      summary: 'Verify a pickup code or ID card at a kiosk; rate-limited with lockout',
      tag: 'lockers',
      auth: 'kiosk',
      body: s.pickupVerify,
      responses: { 200: s.pickupVerified },
      async handler({ body, principal }) {
        requireKiosk(principal, body.kioskId);
        const now = ctx.clock.now();
        const subject =
          'code' in body ? `code:${codeHash(body.code)}` : `id:${keyedHash(ctx.cfg, 'id', body.idNumber)}`;
        const scopes = [`kiosk:${body.kioskId}`, subject];
        await assertNotLocked(ctx.db, scopes, now);
        const found = await ctx.db.transaction(async (tx) => {
          await tx.lock('yizhan.pickup-codes');
          const rows =
            'code' in body
              ? await tx.query<PickupRow>(
                  `SELECT * FROM pickups WHERE code_hash = ? AND kiosk_id = ? AND state = 'waiting' AND expires_at > ?`,
                  [codeHash(body.code), body.kioskId, now],
                )
              : await tx.query<PickupRow>(
                  `SELECT p.* FROM pickups p JOIN filings f ON f.filing_id = p.filing_id
                   WHERE f.applicant_id_hash = ? AND f.applicant_name = ? AND p.kiosk_id = ? AND p.state = 'waiting'
                     AND p.expires_at > ? ORDER BY p.created_at LIMIT 1`,
                  [keyedHash(ctx.cfg, 'id', body.idNumber), body.name, body.kioskId, now],
                );
          const pickup = rows[0];
          if (!pickup) return undefined;
          // Single use: the code is spent the moment the door is released.
          await tx.run(`UPDATE pickups SET state = 'opened', verified_at = ? WHERE pickup_id = ?`, [
            now,
            pickup.pickup_id,
          ]);
          await appendAudit(tx, now, `kiosk:${body.kioskId}`, 'locker.pickupVerified', pickup.filing_id, {
            pickupId: pickup.pickup_id,
            by: 'code' in body ? 'code' : 'idCard',
            ...('idNumber' in body ? { idNumber: maskIdNumber(body.idNumber) } : {}),
          });
          return pickup;
        });
        if (!found) {
          const locked = await recordFailure(ctx.db, ctx.cfg, scopes, now);
          if (locked) {
            throw new ApiError(
              423,
              'lockedOut',
              '尝试次数过多，请稍后再试或联系工作人员 / too many failed attempts, try later',
            );
          }
          throw NOT_FOUND();
        }
        return {
          status: 200,
          body: {
            pickupId: found.pickup_id,
            filingId: found.filing_id,
            cabinetId: found.cabinet_id,
            board: found.board,
            door: found.door,
          },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/lockers/pickup/:pickupId/collected',
      summary: 'The door was opened and closed again: the citizen has the result (filing → collected)',
      tag: 'lockers',
      auth: 'kiosk',
      params: s.pickupParams,
      body: s.pickupCollected,
      responses: { 200: s.okReply },
      async handler({ params, body, principal }) {
        const now = ctx.clock.now();
        await ctx.db.transaction(async (tx) => {
          await tx.lock(`yizhan.pickup.${params.pickupId}`);
          const rows = await tx.query<PickupRow>('SELECT * FROM pickups WHERE pickup_id = ?', [
            params.pickupId,
          ]);
          const pickup = rows[0];
          if (!pickup) throw notFound('pickup');
          requireKiosk(principal, pickup.kiosk_id);
          if (pickup.state !== 'opened') {
            throw new ApiError(409, 'illegalTransition', `取件状态不符 / pickup is ${pickup.state}`);
          }
          await tx.run(
            `UPDATE pickups SET state = 'collected', collected_at = ?, door_opened_at = ?, door_closed_at = ? WHERE pickup_id = ?`,
            [now, body.doorOpenedAt, body.doorClosedAt, pickup.pickup_id],
          );
          const filing = await lockFiling(tx, pickup.filing_id);
          await transition(tx, filing, 'collected', now, `kiosk:${pickup.kiosk_id}`, {
            reason: '智能柜取件',
          });
        });
        return { status: 200, body: { ok: true as const } };
      },
    }),
  ];
}
