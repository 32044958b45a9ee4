// The technician's diagnostics mode in the host (issue #11): the vendor-mode state, the audit trail,
// the device views and self-tests, and the channels the page (and `yizhan diag`) call.
import { systemClock, type Clock, type Logger } from '../../devices/core';
import { Emitter } from '../../devices/core';
import type { HostConfig } from '../config/host-config';
import type { EventChannel, EventPayload } from '../ipc/contract/channels';
import type { DiagMode } from '../ipc/contract/diagnostics';
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

  stop(): void {
    this.mode.dispose();
  }
}

export { diagnosticsHandlers } from './channels';
