import { randomInt, randomUUID } from 'node:crypto';
import { iso, keyedHash, sha256Hex, type Ctx } from '../context';
import { isUniqueViolation } from '../db/dialect';
import { appendAudit } from '../domain/audit';
import { maskIdNumber } from '../../domain/identity';
import { ApiError, notFound } from '../errors';
import { actorOf, requireKiosk } from '../http/auth';
import { defineRoute, type AnyRoute } from '../http/route';
import type { Tx } from '../db/types';
import * as s from '../schemas';
import { chargeAttempt, lockedOut, raiseAlert, settleAttempt } from '../services/attempts';
import { claimDoor, doorView, occupiedDoors } from '../services/lockers';
import { lockFiling, noteEvent, transition } from '../services/transitions';

interface PickupRow {
  pickup_id: string;
  filing_id: string;
  kiosk_id: string;
  cabinet_id: string;
  board: number;
  door: number;
  state: 'waiting' | 'opened' | 'collected' | 'withdrawn';
  expires_at: number;
}

/** A matter that is closed takes no more papers. */
const CLOSED = new Set(['rejected', 'collected']);

const DELIVERY_ZH: Record<string, string> = { print: '自助打印', post: '邮寄', locker: '智能柜领取' };

/** 柜门 C1-1-7（终端 hall-01） */
const doorText = (d: { kioskId: string; cabinetId: string; board: number; door: number }): string =>
  `柜门 ${d.cabinetId}-${d.board}-${d.door}（终端 ${d.kioskId}）`;

/** The filing a receipt's tracking number names (a deposit needs no more than the receipt: nothing is disclosed). */
async function filingByTracking(tx: Tx, trackingNumber: string): Promise<string> {
  const rows = await tx.query<{ filing_id: string }>(
    'SELECT filing_id FROM filings WHERE tracking_number = ?',
    [trackingNumber],
  );
  if (!rows[0]) throw notFound('filing');
  return rows[0].filing_id;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

const NOT_FOUND = () => new ApiError(404, 'notFound', '取件码无效或已过期 / no matching pickup');

export function lockerRoutes(ctx: Ctx): AnyRoute[] {
  const codeHash = (code: string) => keyedHash(ctx.cfg, 'pickup', code);
  return [
    defineRoute({
      method: 'POST',
      url: '/lockers/deposits',
      operationId: 'depositPapers',
      summary: 'A citizen put papers for a filing into a locker door',
      tag: 'lockers',
      auth: 'kiosk',
      body: s.deposit,
      responses: { 200: s.depositCreated, 201: s.depositCreated },
      errors: {
        400: ['badIdempotencyKey'],
        403: ['kioskMismatch'],
        404: ['notFound'],
        409: ['illegalTransition', 'doorOccupied', 'idempotencyConflict'],
      },
      async handler({ body, principal, headers }) {
        requireKiosk(principal, body.kioskId);
        // A kiosk that lost the answer (or died before it came) sends the same deposit again with the
        // same Idempotency-Key: it gets the deposit recorded the first time, never a second one.
        const key = headers['idempotency-key'];
        if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
          throw new ApiError(
            400,
            'badIdempotencyKey',
            '幂等键格式错误 / Idempotency-Key must be 8–100 characters',
          );
        }
        const scopedKey = typeof key === 'string' ? `deposit:${key}` : undefined;
        const now = ctx.clock.now();
        const depositId = randomUUID();
        const done = await ctx.db.transaction(async (tx) => {
          const filingId = body.filingId ?? (await filingByTracking(tx, body.trackingNumber!));
          // The filing lock serialises deposits for one filing, so check-then-insert cannot race.
          const filing = await lockFiling(tx, filingId);
          const requestHash = sha256Hex(
            `${filingId}\u0000${body.cabinetId}\u0000${body.board}\u0000${body.door}`,
          );
          if (scopedKey) {
            const prior = await tx.query<{ request_hash: string; response: string }>(
              'SELECT request_hash, response FROM idempotency WHERE kiosk_id = ? AND idem_key = ?',
              [body.kioskId, scopedKey],
            );
            if (prior[0]) {
              if (prior[0].request_hash !== requestHash) {
                throw new ApiError(
                  409,
                  'idempotencyConflict',
                  '同一幂等键的请求内容不同 / Idempotency-Key reused with a different deposit',
                );
              }
              return { replayed: true, body: JSON.parse(prior[0].response) as { depositId: string } };
            }
          }
          if (CLOSED.has(filing.status)) {
            throw new ApiError(409, 'illegalTransition', `办件已办结 / filing is ${filing.status}`);
          }
          await claimDoor(tx, body);
          await tx.run(
            'INSERT INTO deposits (deposit_id, filing_id, kiosk_id, cabinet_id, board, door, deposited_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [depositId, filingId, body.kioskId, body.cabinetId, body.board, body.door, now],
          );
          if (scopedKey) {
            try {
              await tx.run(
                'INSERT INTO idempotency (kiosk_id, idem_key, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
                [body.kioskId, scopedKey, requestHash, JSON.stringify({ depositId }), now],
              );
            } catch (err) {
              // The same key raced in for another filing (only the filing lock was held).
              if (isUniqueViolation(err)) {
                throw new ApiError(
                  409,
                  'idempotencyConflict',
                  '幂等键已被使用 / Idempotency-Key already used',
                );
              }
              throw err;
            }
          }
          await appendAudit(tx, now, `kiosk:${body.kioskId}`, 'locker.deposit', filingId, {
            depositId,
            cabinetId: body.cabinetId,
            board: body.board,
            door: body.door,
          });
          await noteEvent(tx, filing, 'papersDeposited', now, `kiosk:${body.kioskId}`, doorText(body));
          return { replayed: false, body: { depositId } };
        });
        return { status: done.replayed ? 200 : 201, body: done.body };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/filings/:id/locker-assignment',
      operationId: 'assignLockerDoor',
      summary: 'Staff put the result in a locker door; returns the single-use pickup code once',
      tag: 'lockers',
      auth: 'staff',
      roles: ['clerk', 'supervisor'],
      params: s.staffFilingParams,
      body: s.lockerAssignment,
      responses: { 201: s.lockerAssigned },
      errors: {
        400: ['unknownKiosk'],
        404: ['notFound'],
        409: ['illegalTransition', 'alreadyAssigned', 'doorOccupied', 'deliveryMismatch'],
        503: ['noCodeAvailable'],
      },
      async handler({ params, body, principal }) {
        const now = ctx.clock.now();
        const p = ctx.cfg.pickup;
        const expiresAt = now + p.ttlMs;
        const pickupId = randomUUID();
        const actor = actorOf(principal);
        const code = await ctx.db.transaction(async (tx) => {
          const row = await lockFiling(tx, params.id);
          if (row.status !== 'resultReady')
            throw new ApiError(409, 'illegalTransition', `结果未就绪 / filing is ${row.status}`);
          // The applicant chose 自助打印 or 邮寄: a door is only right when they agreed, and then the
          // delivery changes with it (else the kiosk would also offer the result for printing).
          const delivery = JSON.parse(row.delivery) as { method: string };
          if (delivery.method !== 'locker' && !body.deliveryChange) {
            throw new ApiError(
              409,
              'deliveryMismatch',
              `申请人选择的取件方式为${DELIVERY_ZH[delivery.method] ?? delivery.method}，改为智能柜领取须注明原因 / the applicant chose ${delivery.method}: give deliveryChange.reason to use a locker`,
            );
          }
          const kiosk = await tx.query('SELECT 1 AS one FROM kiosks WHERE kiosk_id = ?', [body.kioskId]);
          if (!kiosk[0]) throw new ApiError(400, 'unknownKiosk', `无此终端 / no kiosk ${body.kioskId}`);
          const live = await tx.query<{ cabinet_id: string; board: number; door: number }>(
            `SELECT cabinet_id, board, door FROM pickups WHERE filing_id = ? AND state IN ('waiting', 'opened')`,
            [row.filing_id],
          );
          if (live[0]) {
            throw new ApiError(
              409,
              'alreadyAssigned',
              `结果已在柜门 ${live[0].cabinet_id}-${live[0].board}-${live[0].door}，请先取回 / result is already in a door`,
            );
          }
          await claimDoor(tx, body);
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
            const changed = delivery.method !== 'locker' && body.deliveryChange;
            if (changed) {
              await tx.run('UPDATE filings SET delivery = ?, updated_at = ? WHERE filing_id = ?', [
                JSON.stringify({ method: 'locker' }),
                now,
                row.filing_id,
              ]);
            }
            await appendAudit(tx, now, actor, 'locker.assign', row.filing_id, {
              pickupId,
              kioskId: body.kioskId,
              cabinetId: body.cabinetId,
              board: body.board,
              door: body.door,
              ...(changed ? { deliveryFrom: delivery.method, reason: changed.reason } : {}),
            });
            await noteEvent(
              tx,
              row,
              'lockerAssigned',
              now,
              actor,
              changed
                ? `${doorText(body)}；取件方式由${DELIVERY_ZH[delivery.method] ?? delivery.method}改为智能柜领取：${changed.reason}`
                : doorText(body),
            );
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
      operationId: 'verifyPickup',
      summary: 'Verify a pickup code or ID card at a kiosk; rate-limited with lockout',
      tag: 'lockers',
      auth: 'kiosk',
      body: s.pickupVerify,
      responses: { 200: s.pickupVerified },
      errors: { 403: ['kioskMismatch'], 404: ['notFound'], 423: ['lockedOut'] },
      async handler({ body, principal }) {
        requireKiosk(principal, body.kioskId);
        const now = ctx.clock.now();
        const p = ctx.cfg.pickup;
        // Codes and ID cards are separate paths with separate limits: guessing codes at a kiosk stops
        // codes there, never the rightful owner's ID card. Codes: per kiosk (a code is only valid at
        // its kiosk). ID cards: per person (target) and, more loosely, per kiosk (source).
        const idHash = 'idNumber' in body ? keyedHash(ctx.cfg, 'id', body.idNumber) : '';
        const limits =
          'code' in body
            ? [{ scope: `pickup.code:kiosk:${body.kioskId}`, maxFailures: p.maxFailures }]
            : [
                { scope: `pickup.id:${idHash}`, maxFailures: p.maxFailures },
                { scope: `pickup.id:kiosk:${body.kioskId}`, maxFailures: p.maxFailuresPerSource },
              ];
        const byCode = 'code' in body;
        const locked = byCode
          ? '取件码尝试次数过多，请稍后再试，或刷身份证取件 / too many wrong codes: try later, or use your ID card'
          : undefined;
        // Charged before the lookup: parallel guesses cannot get past the limit.
        const charge = await chargeAttempt(ctx.db, ctx.cfg, limits, now, locked);
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
        const lockedNow = await settleAttempt(ctx.db, ctx.cfg, charge, now, found !== undefined);
        for (const l of lockedNow) {
          const kind = byCode
            ? 'pickupCodes'
            : l.scope.startsWith('pickup.id:kiosk:')
              ? 'pickupIdCardsAtKiosk'
              : 'pickupIdCard';
          await raiseAlert(ctx, { kind, kioskId: body.kioskId }, now);
        }
        if (!found) {
          if (lockedNow.length > 0) throw lockedOut(locked);
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
      operationId: 'reportPickupCollected',
      summary: 'The door was opened and closed again: the citizen has the result (filing → collected)',
      tag: 'lockers',
      auth: 'kiosk',
      params: s.pickupParams,
      body: s.pickupCollected,
      responses: { 200: s.okReply },
      errors: { 403: ['kioskMismatch'], 404: ['notFound'], 409: ['illegalTransition'] },
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
          // The kiosk reports a collection from its durable locker journal and retries until it has an
          // answer: a report of a collection already recorded is answered ok and changes nothing.
          if (pickup.state === 'collected') return;
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
    defineRoute({
      method: 'GET',
      url: '/lockers/doors',
      operationId: 'listLockerDoors',
      summary: 'Which cabinet and door holds what: unretrieved deposits and results awaiting pickup',
      tag: 'lockers',
      auth: 'kioskOrStaff',
      roles: ['clerk', 'supervisor', 'technician'],
      query: s.lockerDoorsQuery,
      responses: { 200: s.lockerDoors },
      errors: { 403: ['kioskMismatch'] },
      async handler({ query, principal }) {
        // A kiosk sees its own doors only (to pick an empty one); staff see every kiosk or one.
        if (principal?.kind === 'kiosk') requireKiosk(principal, query.kioskId ?? '');
        const now = ctx.clock.now();
        const doors = await occupiedDoors(ctx.db, { kioskId: query.kioskId });
        return { status: 200, body: { doors: doors.map((d) => doorView(d, now)) } };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/lockers/deposits/:depositId/retrieved',
      operationId: 'retrieveDeposit',
      summary: "Staff took the citizen's papers out of the door (the door is free again)",
      tag: 'lockers',
      auth: 'staff',
      roles: ['clerk', 'supervisor'],
      params: s.depositParams,
      responses: { 200: s.okReply },
      errors: { 404: ['notFound'], 409: ['illegalTransition'] },
      async handler({ params, principal }) {
        const now = ctx.clock.now();
        const actor = actorOf(principal);
        await ctx.db.transaction(async (tx) => {
          await tx.lock(`yizhan.deposit.${params.depositId}`);
          const rows = await tx.query<{ filing_id: string; retrieved_at: number | null }>(
            'SELECT filing_id, retrieved_at FROM deposits WHERE deposit_id = ?',
            [params.depositId],
          );
          const dep = rows[0];
          if (!dep) throw notFound('deposit');
          if (dep.retrieved_at !== null)
            throw new ApiError(409, 'illegalTransition', '材料已取出 / deposit already retrieved');
          await tx.run('UPDATE deposits SET retrieved_at = ?, retrieved_by = ? WHERE deposit_id = ?', [
            now,
            actor,
            params.depositId,
          ]);
          await appendAudit(tx, now, actor, 'locker.depositRetrieved', dep.filing_id, {
            depositId: params.depositId,
          });
          await noteEvent(
            tx,
            await lockFiling(tx, dep.filing_id),
            'papersRetrieved',
            now,
            actor,
            '工作人员已取出申请材料',
          );
        });
        return { status: 200, body: { ok: true as const } };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/staff/lockers/pickups/:pickupId/withdrawn',
      operationId: 'withdrawPickup',
      summary: 'Staff took an uncollected result back out of its door (e.g. expired); its code stops working',
      tag: 'lockers',
      auth: 'staff',
      roles: ['clerk', 'supervisor'],
      params: s.pickupParams,
      body: s.lockerRelease,
      responses: { 200: s.okReply },
      errors: { 404: ['notFound'], 409: ['illegalTransition'] },
      async handler({ params, body, principal }) {
        const now = ctx.clock.now();
        const actor = actorOf(principal);
        await ctx.db.transaction(async (tx) => {
          await tx.lock(`yizhan.pickup.${params.pickupId}`);
          const rows = await tx.query<PickupRow>('SELECT * FROM pickups WHERE pickup_id = ?', [
            params.pickupId,
          ]);
          const pickup = rows[0];
          if (!pickup) throw notFound('pickup');
          if (pickup.state !== 'waiting' && pickup.state !== 'opened') {
            throw new ApiError(409, 'illegalTransition', `取件状态不符 / pickup is ${pickup.state}`);
          }
          // The filing stays resultReady: staff may assign another door or hand it over otherwise.
          await tx.run(
            `UPDATE pickups SET state = 'withdrawn', withdrawn_at = ?, withdrawn_by = ? WHERE pickup_id = ?`,
            [now, actor, params.pickupId],
          );
          await appendAudit(tx, now, actor, 'locker.pickupWithdrawn', pickup.filing_id, {
            pickupId: params.pickupId,
            wasState: pickup.state,
            expired: pickup.expires_at <= now,
            reason: body.reason,
          });
          await noteEvent(
            tx,
            await lockFiling(tx, pickup.filing_id),
            'lockerWithdrawn',
            now,
            actor,
            `${doorText({ ...pickup, cabinetId: pickup.cabinet_id, kioskId: pickup.kiosk_id })}：${body.reason}`,
          );
        });
        return { status: 200, body: { ok: true as const } };
      },
    }),
  ];
}
