import { createHash, randomUUID } from 'node:crypto';
import { Emitter, silentLogger, sleep, type Logger } from '../../../devices/core';
import type { BackofficeClient, MaterialContentType } from '../client';
import { BackofficeError, isBackofficeError } from '../errors';
import type { Applicant, DeliveryMethod, FilingRequest, MaterialLimits, MaterialSummary } from '../types';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { openDurableSqlite, type OpenSqlite, type SqliteDatabase } from './sqlite';
import { OutboxStore, prepareDatabase, type EntryRow, type OutboxState } from './store';
import { describeState, type OutboxStatus } from './status';
import { maskIdNumber } from '../../../domain/identity';

export interface MaterialInput {
  name: string;
  kind: string;
  contentType: MaterialContentType;
  bytes: Uint8Array;
}

export interface FilingInput {
  /**
   * Caller's id for this filing (e.g. the citizen session id). Enqueueing the same localId again
   * returns the existing entry instead of creating a second filing, so a session replayed after
   * a crash cannot file twice. Generated when absent.
   */
  localId?: string;
  serviceId: string;
  applicant: Applicant;
  form: Record<string, unknown>;
  delivery: { method: DeliveryMethod; address?: string };
  materials: MaterialInput[];
}

export interface OutboxEvents extends Record<string, unknown> {
  enqueued: OutboxStatus;
  state: OutboxStatus;
  delivered: OutboxStatus;
  rejected: OutboxStatus;
}

export type OutboxClient = Pick<BackofficeClient, 'kioskId' | 'createFiling' | 'uploadMaterial' | 'filing'>;

export interface OutboxOptions {
  /** The kiosk's data directory; the outbox keeps `outbox.sqlite` there. */
  dataDir: string;
  openDatabase: OpenSqlite;
  client: OutboxClient;
  logger?: Logger;
  backoff?: BackoffPolicy;
  now?: () => number;
  random?: () => number;
  /** Longest sleep of the drain loop when nothing is due (it also wakes on enqueue). */
  idlePollMs?: number;
  /** What the back office accepts (its config's `limits`); the service defaults until told. */
  limits?: MaterialLimits;
}

/** The back office's defaults (backoffice/config.ts). */
export const DEFAULT_LIMITS: MaterialLimits = {
  maxMaterialBytes: 10 * 1024 * 1024,
  maxFilingBytes: 40 * 1024 * 1024,
};

/**
 * A filing the back office would refuse: thrown by `enqueueFiling` before anything is stored, so
 * the citizen hears it at the kiosk instead of the filing failing later without them.
 */
export class FilingRefused extends RangeError {
  override readonly name = 'FilingRefused';
  constructor(
    readonly code: 'tooLarge' | 'contentMismatch' | 'badMaterial',
    readonly material: string | undefined,
    readonly label: { zh: string; en: string },
  ) {
    super(`${label.en}${material ? `: ${material}` : ''}`);
  }
}

const MAGIC: Record<MaterialContentType, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
  'application/pdf': (b) => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-',
};

/**
 * Durable outbox for filings. `enqueueFiling` commits the filing and its material bytes to SQLite
 * (WAL, synchronous=FULL) before resolving; `drain` delivers entries in the background with
 * exponential backoff. Exactly-once rests on the Idempotency-Key minted at enqueue time and on a
 * deterministic key per material plus a server-state check after an interrupted upload.
 */
export class Outbox {
  readonly events = new Emitter<OutboxEvents>();
  readonly #db: SqliteDatabase;
  readonly #store: OutboxStore;
  readonly #client: OutboxClient;
  readonly #log: Logger;
  readonly #backoff: BackoffPolicy;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #idlePollMs: number;
  #limits: MaterialLimits;
  #inFlight: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(opts: OutboxOptions) {
    // Pending filings hold ID numbers and scans: an owner-only, durable file.
    this.#db = openDurableSqlite(opts.dataDir, 'outbox.sqlite', opts.openDatabase);
    prepareDatabase(this.#db);
    this.#store = new OutboxStore(this.#db);
    this.#client = opts.client;
    this.#log = (opts.logger ?? silentLogger).child({ component: 'outbox' });
    this.#backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.#now = opts.now ?? Date.now;
    this.#random = opts.random ?? Math.random;
    this.#idlePollMs = opts.idlePollMs ?? 30_000;
    this.#limits = { ...(opts.limits ?? DEFAULT_LIMITS) };
  }

  /**
   * Resolves once the filing and all its materials are committed to disk: only then may the
   * citizen be told the filing is safe, and only then may anything be printed.
   */
  enqueueFiling(input: FilingInput): Promise<OutboxStatus> {
    try {
      return Promise.resolve(this.#enqueue(input));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** Adopts the back office's limits (from its remote configuration). */
  setLimits(limits: MaterialLimits): void {
    this.#limits = { ...limits };
  }

  /** The same checks as the back office, so nothing durable is promised that it would refuse. */
  #check(materials: readonly MaterialInput[]): void {
    let total = 0;
    for (const m of materials) {
      if (!m.name || !m.kind) {
        throw new FilingRefused('badMaterial', m.name, {
          zh: '材料缺少名称或类别',
          en: 'material lacks a name or kind',
        });
      }
      const magic = MAGIC[m.contentType] as ((b: Uint8Array) => boolean) | undefined;
      if (!magic || !magic(m.bytes)) {
        throw new FilingRefused('contentMismatch', m.name, {
          zh: '材料文件损坏或格式不符，请重新拍摄',
          en: 'material is not a valid JPEG or PDF, please scan again',
        });
      }
      if (m.bytes.byteLength > this.#limits.maxMaterialBytes) {
        throw new FilingRefused('tooLarge', m.name, {
          zh: '单个材料文件过大，请降低分辨率后重新拍摄',
          en: 'a material is too large, scan it again at a lower resolution',
        });
      }
      total += m.bytes.byteLength;
    }
    if (total > this.#limits.maxFilingBytes) {
      throw new FilingRefused('tooLarge', undefined, {
        zh: '材料总大小超出限制，请减少页数',
        en: 'materials are too large in total, please send fewer pages',
      });
    }
  }

  #enqueue(input: FilingInput): OutboxStatus {
    const localId = input.localId ?? randomUUID();
    const known = this.#store.entry(localId);
    if (known) return this.#status(known);
    this.#check(input.materials);
    const request: FilingRequest = {
      serviceId: input.serviceId,
      kioskId: this.#client.kioskId,
      applicant: input.applicant,
      form: input.form,
      delivery: input.delivery,
    };
    const now = this.#now();
    this.#store.transaction(() => {
      this.#store.insertEntry({
        local_id: localId,
        idempotency_key: randomUUID(),
        service_id: input.serviceId,
        body: JSON.stringify(request),
        created_at: now,
      });
      input.materials.forEach((m, seq) => {
        const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
        this.#store.insertMaterial({
          local_id: localId,
          seq,
          name: m.name,
          kind: m.kind,
          content_type: m.contentType,
          bytes,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
      });
    });
    const status = this.status(localId)!;
    this.#log.info('filingEnqueued', {
      localId,
      serviceId: input.serviceId,
      applicant: maskIdNumber(input.applicant.idNumber),
      materials: input.materials.length,
    });
    this.events.emit('enqueued', status);
    this.#wake?.();
    return status;
  }

  status(localId: string): OutboxStatus | undefined {
    const row = this.#store.entry(localId);
    return row ? this.#status(row) : undefined;
  }

  /** Every entry, newest last, without personal data (for the technician screen). */
  list(): OutboxStatus[] {
    return this.#store.entries().map((row) => this.#status(row));
  }

  /**
   * Delivers every entry that is due now, one at a time, and resolves when done. Concurrent
   * callers share the same pass, so an entry is never sent twice in parallel.
   */
  drainOnce(signal?: AbortSignal): Promise<void> {
    this.#inFlight ??= this.#drainDue(signal).finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  /** Runs until `signal` aborts: delivers due entries, then sleeps until the next retry or an enqueue. */
  async drain(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.drainOnce(signal);
      const next = this.#store.nextAttemptAt();
      const wait =
        next === undefined ? this.#idlePollMs : Math.min(this.#idlePollMs, Math.max(0, next - this.#now()));
      const woken = new AbortController();
      this.#wake = () => woken.abort();
      await sleep(wait, AbortSignal.any([signal, woken.signal])).catch(() => undefined);
      this.#wake = undefined;
    }
  }

  /** Makes waiting entries due immediately (e.g. a heartbeat just succeeded) and wakes the loop. */
  retryNow(): void {
    this.#store.retryAllNow(this.#now());
    this.#wake?.();
  }

  /** Purges the personal data of a rejected entry after staff/technician handled it. */
  discardRejected(localId: string): boolean {
    return this.#store.discard(localId);
  }

  pruneDelivered(olderThanMs: number): number {
    return this.#store.pruneDelivered(this.#now() - olderThanMs);
  }

  close(): void {
    this.#db.close();
  }

  async #drainDue(signal: AbortSignal | undefined): Promise<void> {
    for (const row of this.#store.due(this.#now())) {
      if (signal?.aborted) return;
      await this.#deliver(row, signal);
    }
  }

  async #deliver(row: EntryRow, signal: AbortSignal | undefined): Promise<void> {
    const localId = row.local_id;
    this.#store.markSending(localId);
    this.#emitState(localId);
    try {
      let filingId = row.filing_id;
      if (filingId === null) {
        const body = JSON.parse(row.body!) as FilingRequest;
        const { filing, created } = await this.#client.createFiling(body, row.idempotency_key, signal);
        const receipt = {
          qrPayload: filing.qrPayload,
          submittedAt: filing.submittedAt,
          ...(filing.instantResult ? { instantResult: filing.instantResult } : {}),
        };
        this.#store.recordFiling(localId, filing.filingId, filing.trackingNumber, JSON.stringify(receipt));
        filingId = filing.filingId;
        this.#log.info('filingCreated', { localId, filingId, replayed: !created });
        this.#emitState(localId);
      }
      await this.#uploadMaterials(localId, row.idempotency_key, filingId, signal);
      this.#store.markDelivered(localId, this.#now());
      // Fold the WAL back so pages that held the purged personal data are overwritten now, not later.
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
      this.#log.info('filingDelivered', { localId, filingId, attempts: row.attempts + 1 });
      const status = this.#emitState(localId);
      this.events.emit('delivered', status);
    } catch (err) {
      if (signal?.aborted && !isBackofficeError(err)) {
        // Shutdown mid-request: leave it due; the next start resumes where it stopped.
        this.#store.scheduleRetry(localId, this.#now(), 'canceled');
        return;
      }
      this.#fail(localId, row.failures + 1, err);
    }
  }

  async #uploadMaterials(
    localId: string,
    idempotencyKey: string,
    filingId: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    let onServer: MaterialSummary[] | undefined;
    const materials = this.#store.materials(localId);
    const claimed = new Set(materials.map((m) => m.material_id).filter((id) => id !== null));
    for (const m of materials) {
      if (m.material_id !== null) continue;
      if (m.upload_started) {
        // A previous attempt may have reached the server before we crashed or timed out: look first.
        onServer ??= (await this.#client.filing(filingId, signal)).materials ?? [];
        const found = onServer.find(
          (s) => s.sha256 === m.sha256 && s.name === m.name && !claimed.has(s.materialId),
        );
        if (found) {
          claimed.add(found.materialId);
          this.#store.recordMaterial(localId, m.seq, found.materialId);
          continue;
        }
      }
      this.#store.markUploadStarted(localId, m.seq);
      const uploaded = await this.#client.uploadMaterial(
        filingId,
        { name: m.name, kind: m.kind, contentType: m.content_type as MaterialContentType, bytes: m.bytes! },
        { idempotencyKey: materialKey(idempotencyKey, m.seq), ...(signal ? { signal } : {}) },
      );
      if (uploaded.sha256 !== m.sha256) {
        throw new BackofficeError('server', `material ${m.seq} checksum mismatch after upload`);
      }
      this.#store.recordMaterial(localId, m.seq, uploaded.materialId);
      claimed.add(uploaded.materialId);
      this.#emitState(localId);
    }
  }

  #fail(localId: string, failures: number, err: unknown): void {
    const error = isBackofficeError(err)
      ? err
      : new BackofficeError(
          'server',
          `outbox internal failure: ${err instanceof Error ? err.message : String(err)}`,
        );
    if (!isBackofficeError(err)) this.#log.error('outboxInternal', { localId, message: error.message });
    if (error.retryable) {
      const delay = Math.max(
        backoffDelayMs(this.#backoff, failures, this.#random),
        (error.details.retryAfterS ?? 0) * 1000,
      );
      this.#store.scheduleRetry(localId, this.#now() + delay, error.code);
      this.#log.warn('filingRetryScheduled', { localId, error: error.code, failures, delayMs: delay });
      this.#emitState(localId);
      return;
    }
    this.#store.markRejected(localId, error.code, error.status ?? null, error.message);
    this.#log.error('filingRejected', { localId, code: error.code, status: error.status });
    const status = this.#emitState(localId);
    this.events.emit('rejected', status);
  }

  #emitState(localId: string): OutboxStatus {
    const status = this.status(localId)!;
    this.events.emit('state', status);
    return status;
  }

  #status(row: EntryRow): OutboxStatus {
    return describeState(
      row,
      row.state === 'delivered' ? undefined : this.#store.materialCounts(row.local_id),
    );
  }
}

/** A stable UUID-shaped key per material, so a re-upload after a crash is recognisable as the same one. */
export function materialKey(filingKey: string, seq: number): string {
  const h = createHash('sha256').update(`${filingKey}/material/${seq}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type { OutboxState };
