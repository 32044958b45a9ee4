// The technician's diagnostics mode in the host (issue #11): the vendor-mode state, the audit trail,
// the device views and self-tests, and the channels the page (and `yizhan diag`) call.
import { systemClock, type Clock, type Logger } from '../../devices/core';
import { Emitter } from '../../devices/core';
import type { KioskServiceHealth } from '../backend/types';
import type { HostConfig } from '../config/host-config';
import type { EventChannel, EventPayload } from '../ipc/contract/channels';
import type { DiagMode, HealthReport } from '../ipc/contract/diagnostics';
import type { CatalogueView } from '../ipc/contract/flow';
import type { TechnicianCard } from '../../devices/pcsc-reader';
import type { Printing } from '../printing';
import { checkHealth, statusSlip } from './health';
import { DiagnosticsAudit, type AuditSink } from './audit';
import { type ConfiguredDevice } from './devices';
import { DiagnosticsMode, type SessionGate } from './mode';
import { fileLockoutStore } from './store';
import { TechnicianStore, techniciansFile, verifyPin } from './technicians';

export type DiagEvent = Extract<EventChannel, `diag:${string}`>;

export interface DiagnosticsOptions {
  config: HostConfig;
  devices: () => readonly ConfiguredDevice[];
  session: SessionGate;
  log: Logger;
  clock?: Clock;
  audit?: AuditSink;
  /** The catalogue as the page lists it (the one availability rule). */
  catalogue: () => CatalogueView;
  /** Asks the back office something harmless (absent: no back office configured). */
  probeBackoffice?: () => Promise<void>;
  backofficeKind: HealthReport['backoffice']['kind'];
  printing?: Printing;
}

export class Diagnostics {
  readonly events = new Emitter<{ [C in DiagEvent]: EventPayload<C> }>();
  readonly mode: DiagnosticsMode;
  readonly audit: DiagnosticsAudit;
  readonly technicians: TechnicianStore;
  readonly clock: Clock;
  readonly log: Logger;

  constructor(readonly o: DiagnosticsOptions) {
    this.clock = o.clock ?? systemClock;
    this.log = o.log.child({ component: 'diagnostics' });
    this.technicians = new TechnicianStore(techniciansFile(o.config.dataDir));
    this.audit = new DiagnosticsAudit(o.config.dataDir, o.config.kioskId, this.clock, this.log, o.audit);
    this.mode = new DiagnosticsMode({
      clock: this.clock,
      session: o.session,
      lockout: fileLockoutStore(o.config.dataDir),
      findTechnician: (id) => this.technicians.byId(id),
      verifyPin,
      audit: (action, technician, detail) => this.audit.record(action, technician, detail),
    });
    this.mode.events.on('mode', (m: DiagMode) => this.events.emit('diag:mode', m));
  }

  #health: HealthReport | undefined;
  #checks = 0;

  /** The last report; a check runs first if none has yet. */
  async health(): Promise<HealthReport> {
    return this.#health ?? this.check('recheck');
  }

  /** What each heartbeat says of the kiosk: the last self-check, and the services it can offer now. */
  heartbeatHealth(): KioskServiceHealth {
    const services = this.o.catalogue().services;
    return {
      checkedAt: this.#health ? new Date(this.#health.at).toISOString() : null,
      verdict: this.#health?.verdict ?? null,
      offered: services.filter((s) => s.available).map((s) => s.serviceId),
      notOffered: services
        .filter((s) => !s.available)
        .map((s) => ({ serviceId: s.serviceId, missing: [...(s.missing ?? [])] })),
    };
  }

  /** Checks every device and the back office now, prints the status slip if asked, and tells the page. */
  async check(
    reason: HealthReport['reason'],
    printSlip: boolean | 'unlessOk' = false,
  ): Promise<HealthReport> {
    const report = await checkHealth(
      {
        devices: this.o.devices(),
        catalogue: this.o.catalogue,
        ...(this.o.probeBackoffice ? { probeBackoffice: this.o.probeBackoffice } : {}),
        backofficeKind: this.o.backofficeKind,
        now: () => this.clock.now(),
        monotonic: () => this.clock.monotonic(),
      },
      reason,
    );
    if (printSlip === true || (printSlip === 'unlessOk' && report.verdict !== 'ok'))
      report.slip = await this.#printSlip(report);
    this.#health = report;
    this.log.info('diag.health', {
      reason,
      verdict: report.verdict,
      unusable: report.devices.filter((d) => !d.usable).map((d) => `${d.deviceId}:${d.condition}`),
      backoffice: report.backoffice.reachable,
      notOffered: report.services.filter((s) => !s.available).map((s) => s.serviceId),
      slip: report.slip,
    });
    this.events.emit('diag:health', report);
    return report;
  }

  async #printSlip(report: HealthReport): Promise<HealthReport['slip']> {
    const printing = this.o.printing;
    const printer = report.devices.find((d) => d.roles.includes('receiptPrinter'));
    if (!printing || !printer?.usable) return 'noPrinter';
    try {
      const h = printing.printReceipt(
        statusSlip(report, this.o.config.kioskId, this.o.config.site.timeZone),
        `diag-slip-${report.at}-${++this.#checks}`,
      );
      const s = await h.until(['printed', 'taken', 'notTaken', 'completed', 'failed', 'canceled']);
      return s.state === 'failed' || s.state === 'canceled' ? 'failed' : 'printed';
    } catch (err) {
      this.log.warn('diag.slipFailed', { error: err instanceof Error ? err.message : String(err) });
      return 'failed';
    }
  }

  /**
   * A card put in the PC/SC reader at the attract screen: when it is the site's technician card and
   * its number is on file for the technician it names, the PIN pad opens for them (audited with who).
   * A technician card not on file (lost, revoked, another site's) opens nothing and is audited. Any
   * other card is the citizen's (false).
   */
  async cardPlaced(read: () => Promise<TechnicianCard | null>): Promise<boolean> {
    let card: TechnicianCard | null;
    try {
      card = await read();
    } catch (err) {
      this.log.warn('diag.cardUnread', { error: err instanceof Error ? err.message : String(err) });
      return false;
    }
    if (!card) return false;
    const stored = this.technicians.byCard(card.cardNumber);
    if (!stored || stored.id !== card.technicianId) {
      this.audit.record('cardRefused', undefined, { claimed: card.technicianId });
      return true;
    }
    this.mode.request('card', stored);
    return true;
  }

  stop(): void {
    this.mode.dispose();
  }
}

export { diagnosticsHandlers } from './channels';
