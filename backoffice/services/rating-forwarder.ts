import { iso, type Ctx } from '../context';
import { appendAudit } from '../domain/audit';
import { findServiceDefinition } from '../../domain/catalogue';
import {
  INDICATOR_LABELS,
  INDICATOR_OF,
  isPoorRating,
  levelNameZh,
  optionLabelZh,
  type RatingIndicator,
} from '../../domain/rating';
import { RatingRefused, type ForwardedRating, type RatingEndpoint } from '../providers/rating-endpoint';

export interface ForwarderPolicy {
  /** How often the loop looks for due ratings (a new rating also wakes it at once). */
  intervalMs: number;
  /** First retry after this, doubling per failure (with equal jitter) up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** A claimed rating is left alone by other instances this long (one send at a time). */
  leaseMs: number;
}

export const DEFAULT_FORWARDER: ForwarderPolicy = {
  intervalMs: 15_000,
  baseBackoffMs: 5_000,
  maxBackoffMs: 3600_000,
  leaseMs: 60_000,
};

interface DueRow {
  filing_id: string;
  level: number;
  options: string;
  comment: string | null;
  channel: string;
  kiosk_id: string;
  rated_at: number;
  forward_attempts: number;
  tracking_number: string;
  service_id: string;
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string | null;
  kiosk_name: string | null;
  site: string | null;
}

/** Equal jitter: half the doubled delay fixed, half random, so many kiosks' failures spread out. */
export function backoffMs(policy: ForwarderPolicy, attempts: number, random = Math.random): number {
  const full = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

/**
 * Forwards every 好差评 to the configured endpoint with retries. The ratings table is the outbox
 * (state, attempts, next due time, lease): a rating survives restarts, several instances share the
 * work without sending one rating twice at once, and the receiver deduplicates on `ratingId`
 * anyway. A permanent refusal is kept as `rejected` with its reason for staff to see.
 */
export class RatingForwarder {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #again = false;
  #stopped = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly endpoint: RatingEndpoint,
    private readonly policy: ForwarderPolicy = DEFAULT_FORWARDER,
  ) {}

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** A rating was just stored: look now instead of at the next tick. */
  kick(): void {
    if (!this.#stopped) this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), ms);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    try {
      this.#running = this.runOnce();
      await this.#running;
    } catch (err) {
      this.ctx.log.error(
        { err: err instanceof Error ? err.message : String(err) },
        'rating forwarding failed',
      );
    } finally {
      this.#running = undefined;
      if (!this.#stopped) this.#schedule(this.#again ? 0 : this.policy.intervalMs);
      this.#again = false;
    }
  }

  /** Sends every rating due now (claimed one by one); returns how many were delivered. */
  async runOnce(): Promise<number> {
    const now = this.ctx.clock.now();
    const due = await this.ctx.db.query<DueRow>(
      `SELECT r.filing_id, r.level, r.options, r.comment, r.channel, r.kiosk_id, r.rated_at, r.forward_attempts,
              f.tracking_number, f.service_id, f.applicant_name, f.applicant_id_number, f.applicant_phone,
              k.name AS kiosk_name, k.site
       FROM ratings r JOIN filings f ON f.filing_id = r.filing_id LEFT JOIN kiosks k ON k.kiosk_id = r.kiosk_id
       WHERE r.forward_state = 'pending' AND r.forward_next_at <= ?
         AND (r.forward_lease_until IS NULL OR r.forward_lease_until <= ?)
       ORDER BY r.rated_at LIMIT 50`,
      [now, now],
    );
    let delivered = 0;
    for (const row of due) {
      if (this.#stopped) break;
      const claimed = await this.ctx.db.run(
        `UPDATE ratings SET forward_lease_until = ? WHERE filing_id = ? AND forward_state = 'pending'
           AND (forward_lease_until IS NULL OR forward_lease_until <= ?)`,
        [now + this.policy.leaseMs, row.filing_id, now],
      );
      if (claimed.changes === 0) continue; // another instance has it
      if (await this.#deliver(row)) delivered++;
    }
    return delivered;
  }

  async #deliver(row: DueRow): Promise<boolean> {
    const options = JSON.parse(row.options) as string[];
    const record: ForwardedRating = {
      ratingId: row.filing_id,
      caseNumber: row.tracking_number,
      serviceId: row.service_id,
      serviceName: findServiceDefinition(row.service_id)?.name.zh ?? row.service_id,
      terminalId: row.kiosk_id,
      terminalName: row.kiosk_name ?? row.kiosk_id,
      site: row.site ?? '',
      channel: 'selfServiceTerminal',
      channelName: '自助终端',
      level: row.level,
      levelName: levelNameZh(row.level),
      options: options.map((code) => {
        const indicator = (INDICATOR_OF as Partial<Record<string, RatingIndicator>>)[code];
        return {
          code,
          label: optionLabelZh(code),
          ...(indicator ? { indicator, indicatorName: INDICATOR_LABELS[indicator].zh } : {}),
        };
      }),
      ...(row.comment ? { comment: row.comment } : {}),
      badRating: isPoorRating(row.level),
      ratedAt: iso(Number(row.rated_at)),
      rater: {
        name: row.applicant_name,
        idNumber: row.applicant_id_number,
        ...(row.applicant_phone ? { phone: row.applicant_phone } : {}),
      },
    };
    const attempts = row.forward_attempts + 1;
    try {
      const { reference } = await this.endpoint.send(record);
      const at = this.ctx.clock.now();
      await this.ctx.db.transaction(async (tx) => {
        await tx.run(
          `UPDATE ratings SET forward_state = 'sent', forward_attempts = ?, forwarded_at = ?, forward_ref = ?,
             forward_error = NULL, forward_lease_until = NULL WHERE filing_id = ?`,
          [attempts, at, reference, row.filing_id],
        );
        await appendAudit(tx, at, 'system:ratings', 'rating.forwarded', row.filing_id, {
          reference,
          attempts,
        });
      });
      return true;
    } catch (err) {
      const at = this.ctx.clock.now();
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof RatingRefused) {
        await this.ctx.db.transaction(async (tx) => {
          await tx.run(
            `UPDATE ratings SET forward_state = 'rejected', forward_attempts = ?, forward_error = ?,
               forward_lease_until = NULL WHERE filing_id = ?`,
            [attempts, err.reason, row.filing_id],
          );
          await appendAudit(tx, at, 'system:ratings', 'rating.forwardRefused', row.filing_id, {
            reason: err.reason,
          });
        });
        this.ctx.log.error(
          { trackingNumber: row.tracking_number, reason: err.reason },
          'rating refused by endpoint',
        );
        return false;
      }
      const next = at + backoffMs(this.policy, attempts);
      await this.ctx.db.run(
        `UPDATE ratings SET forward_attempts = ?, forward_next_at = ?, forward_error = ?, forward_lease_until = NULL
         WHERE filing_id = ?`,
        [attempts, next, reason.slice(0, 200), row.filing_id],
      );
      if (attempts === 1 || attempts % 10 === 0) {
        this.ctx.log.warn(
          { trackingNumber: row.tracking_number, attempts, reason },
          'rating forwarding will retry',
        );
      }
      return false;
    }
  }
}
