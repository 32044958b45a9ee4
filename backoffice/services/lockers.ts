import { iso } from '../context';
import type { SqlExecutor, Tx } from '../db/types';
import { ApiError } from '../errors';

/** One locker door: a kiosk's cabinet, its RS-485 board address and the lock number on that board. */
export interface Door {
  kioskId: string;
  cabinetId: string;
  board: number;
  door: number;
}

/** What a door holds now: a citizen's papers (deposit) or a result waiting for its owner (pickup). */
export interface DoorContent extends Door {
  content: 'deposit' | 'result';
  /** depositId or pickupId. */
  id: string;
  filingId: string;
  trackingNumber: string;
  /** waiting / opened for results (opened = released to the citizen, not yet reported closed). */
  state: 'deposited' | 'waiting' | 'opened';
  since: number;
  expiresAt?: number;
}

interface Row {
  id: string;
  filing_id: string;
  tracking_number: string;
  kiosk_id: string;
  cabinet_id: string;
  board: number;
  door: number;
  state: string;
  since: number;
  expires_at: number | null;
}

// A door is occupied by an unretrieved deposit or by a pickup that has not been collected or withdrawn.
const OCCUPIED = `
SELECT 'deposit' AS content, d.deposit_id AS id, d.filing_id, f.tracking_number, d.kiosk_id, d.cabinet_id,
       d.board, d.door, 'deposited' AS state, d.deposited_at AS since, NULL AS expires_at
  FROM deposits d JOIN filings f ON f.filing_id = d.filing_id
 WHERE d.retrieved_at IS NULL AND (CAST(? AS TEXT) IS NULL OR d.kiosk_id = ?)
   AND (CAST(? AS TEXT) IS NULL OR d.filing_id = ?)
UNION ALL
SELECT 'result' AS content, p.pickup_id AS id, p.filing_id, f.tracking_number, p.kiosk_id, p.cabinet_id,
       p.board, p.door, p.state, p.created_at AS since, p.expires_at
  FROM pickups p JOIN filings f ON f.filing_id = p.filing_id
 WHERE p.state IN ('waiting', 'opened') AND (CAST(? AS TEXT) IS NULL OR p.kiosk_id = ?)
   AND (CAST(? AS TEXT) IS NULL OR p.filing_id = ?)`;

/** Every occupied door (of one kiosk or filing, or of all), ordered by place. */
export async function occupiedDoors(
  db: SqlExecutor,
  filter: { kioskId?: string | undefined; filingId?: string | undefined } = {},
): Promise<DoorContent[]> {
  const k = filter.kioskId ?? null;
  const f = filter.filingId ?? null;
  const rows = await db.query<Row & { content: 'deposit' | 'result' }>(
    `SELECT * FROM (${OCCUPIED}) o ORDER BY kiosk_id, cabinet_id, board, door, since`,
    [k, k, f, f, k, k, f, f],
  );
  return rows.map((r) => ({
    kioskId: r.kiosk_id,
    cabinetId: r.cabinet_id,
    board: Number(r.board),
    door: Number(r.door),
    content: r.content,
    id: r.id,
    filingId: r.filing_id,
    trackingNumber: r.tracking_number,
    state: r.state as DoorContent['state'],
    since: Number(r.since),
    ...(r.expires_at !== null ? { expiresAt: Number(r.expires_at) } : {}),
  }));
}

/**
 * Inside a transaction: serialises every change of this door (across instances) and refuses it
 * when something is already in it, so one door never holds two things.
 */
export async function claimDoor(tx: Tx, d: Door): Promise<void> {
  await tx.lock(`yizhan.door.${d.kioskId}.${d.cabinetId}.${d.board}.${d.door}`);
  const busy = await tx.query<{ one: number }>(
    `SELECT 1 AS one FROM deposits WHERE kiosk_id = ? AND cabinet_id = ? AND board = ? AND door = ? AND retrieved_at IS NULL
     UNION ALL
     SELECT 1 AS one FROM pickups WHERE kiosk_id = ? AND cabinet_id = ? AND board = ? AND door = ? AND state IN ('waiting', 'opened')`,
    [d.kioskId, d.cabinetId, d.board, d.door, d.kioskId, d.cabinetId, d.board, d.door],
  );
  if (busy.length > 0) {
    throw new ApiError(
      409,
      'doorOccupied',
      `柜门已被占用 / door ${d.cabinetId}-${d.board}-${d.door} of ${d.kioskId} is occupied`,
    );
  }
}

/** The API shape of a door's content (ISO times, expiry flag). */
export function doorView(d: DoorContent, now: number) {
  const { expiresAt, since, ...rest } = d;
  return {
    ...rest,
    since: iso(since),
    ...(expiresAt !== undefined ? { expiresAt: iso(expiresAt) } : {}),
    expired: expiresAt !== undefined && expiresAt <= now,
  };
}
