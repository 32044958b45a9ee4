// The technician's audit trail: every entry, action and exit with who did it, kept on the kiosk
// (append-only JSON lines in the data directory) and sent to the back office, which keeps it in its
// own audit chain. Lines the back office has not acknowledged are sent again later, oldest first.
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { Clock, Logger } from '../../devices/core';
import { maskText } from '../../domain/identity';
import type { Technician } from '../ipc/contract/diagnostics';
import { appendPrivate, diagDir, readJson, writePrivate } from './store';

export interface AuditRecord {
  seq: number;
  at: number;
  kioskId: string;
  technician: Technician | null;
  action: string;
  /** Non-personal detail (a device id, a trigger, a test id); masked again before it is written. */
  detail: Record<string, unknown>;
}

/** Where audit records go beyond the kiosk (the back office's technician audit route). */
export type AuditSink = (records: AuditRecord[]) => Promise<void>;

export class DiagnosticsAudit {
  readonly #file: string;
  readonly #cursorFile: string;
  #seq: number;
  #sending = false;

  constructor(
    dataDir: string,
    private readonly kioskId: string,
    private readonly clock: Clock,
    private readonly log: Logger,
    private sink?: AuditSink,
  ) {
    this.#file = path.join(diagDir(dataDir), 'audit.jsonl');
    this.#cursorFile = path.join(diagDir(dataDir), 'audit.sent.json');
    this.#seq = this.all().at(-1)?.seq ?? 0;
  }

  setSink(sink: AuditSink | undefined): void {
    this.sink = sink;
    void this.flush();
  }

  record(
    action: string,
    technician: Technician | undefined,
    detail: Record<string, unknown> = {},
  ): AuditRecord {
    const r: AuditRecord = {
      seq: ++this.#seq,
      at: this.clock.now(),
      kioskId: this.kioskId,
      technician: technician ?? null,
      action,
      detail: JSON.parse(maskText(JSON.stringify(detail))) as Record<string, unknown>,
    };
    appendPrivate(this.#file, `${JSON.stringify(r)}\n`);
    this.log.info('diag.audit', { action, technician: technician?.id ?? null, ...r.detail });
    void this.flush();
    return r;
  }

  all(): AuditRecord[] {
    if (!existsSync(this.#file)) return [];
    return readFileSync(this.#file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditRecord);
  }

  /** The records the back office has not acknowledged yet. */
  unsent(): AuditRecord[] {
    const sent = readJson(this.#cursorFile, { seq: 0 }).seq;
    return this.all().filter((r) => r.seq > sent);
  }

  /** Sends what is unsent; a failure leaves it for the next record or the next heartbeat. */
  async flush(): Promise<void> {
    if (!this.sink || this.#sending) return;
    this.#sending = true;
    try {
      for (let batch = this.unsent().slice(0, 100); batch.length; batch = this.unsent().slice(0, 100)) {
        await this.sink(batch);
        writePrivate(this.#cursorFile, `${JSON.stringify({ seq: batch.at(-1)!.seq })}\n`);
      }
    } catch (err) {
      this.log.warn('diag.auditNotSent', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.#sending = false;
    }
  }
}
