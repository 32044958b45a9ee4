// A4 printers behind the OS spooler. One wiring for the host and `yizhan print`. A simulated A4
// printer is a cups-pdf queue where CUPS has one (the spooler path is then the real one), otherwise the
// in-memory spooler; the log says which.
import { userInfo } from 'node:os';
import { systemClock, type Clock, type DeviceStatus, type Logger } from '../../../devices/core';
import {
  A4PrinterDriver,
  a4PrinterManifest,
  a4SelfTests,
  CupsSpooler,
  SimulatedSpooler,
  type A4PrinterDetail,
  type A4PrinterOptions,
  type PrintOutcome,
  type Spooler,
} from '../../../devices/a4-printer';
import type { DeviceCondition } from '../../ipc/contract';
import { selfTestPlan, statusOf } from './link';
import { defineFamily, type BuiltDevice } from './types';

export type { A4PrinterOptions } from '../../../devices/a4-printer';

/** The queue `scripts/setup-system.sh` creates for cups-pdf (and that sites use as a virtual printer). */
export const DEFAULT_CUPS_PDF_QUEUE = 'PDF';

export interface A4PrinterCommands {
  readonly queue: string;
  /**
   * Hands PDF bytes to the spooler under an idempotency key and resolves only when the spooler reports
   * the job completed; otherwise a DeviceError (paper out → `timeout`/`printerOffline`, aborted,
   * canceled …). A retry with the same key never prints twice.
   */
  print(
    pdf: Uint8Array,
    req: { title: string; key: string; copies?: number; signal?: AbortSignal },
  ): Promise<PrintOutcome>;
  cancel(jobId: string, signal?: AbortSignal): Promise<void>;
  refreshStatus(signal?: AbortSignal): Promise<DeviceStatus<A4PrinterDetail>>;
}

export interface A4PrinterSimulatorControl {
  readonly via: 'cups-pdf' | 'memory';
  readonly queue: string;
  /** Paper in the tray (memory spooler only; a cups-pdf queue has no paper). */
  paper(state: 'ok' | 'out'): Promise<void>;
  /** Jobs the simulated spooler received (memory spooler only). */
  submitted(): readonly { jobId: string; name: string; state: string }[];
}

export function a4Condition(s: DeviceStatus<object>): DeviceCondition {
  const d = s.detail as Partial<A4PrinterDetail>;
  const reasons = d.reasons ?? [];
  if (s.health === 'noDevice' || s.health === 'powerOff') return 'notConnected';
  if (reasons.includes('media-jam')) return 'paperJam';
  if (reasons.some((r) => ['door-open', 'cover-open', 'interlock-open'].includes(r))) return 'coverOpen';
  if (s.health === 'hardwareError') return 'hardwareError';
  if (d.paper === 'out') return 'paperOut';
  if (d.toner === 'out') return 'tonerOut';
  if (d.enabled === false || d.accepting === false) return 'queueStopped';
  if (s.health === 'offline') return 'printerOffline';
  if (s.health === 'busy') return 'busy';
  if (d.paper === 'low') return 'paperLow';
  if (d.toner === 'low') return 'tonerLow';
  return 'ready';
}

/**
 * Jobs are submitted as the user the kiosk runs as: cupsd authenticates the local socket by uid, so
 * that user can follow and cancel its own jobs (and cups-pdf files them in its home).
 */
const spoolerUser = (): string => userInfo().username;

/** A cups-pdf queue of that name, when cupsd answers and the queue's device is cups-pdf. */
async function cupsPdfQueue(name: string): Promise<{ spooler: CupsSpooler } | { why: string }> {
  const { cupsIppExchange } = await import('../../../devices/transports/cups');
  const spooler = new CupsSpooler(cupsIppExchange({ timeoutMs: 3000 }), spoolerUser());
  try {
    const q = await spooler.queueState(name, AbortSignal.timeout(3000));
    if (!q.deviceUri?.startsWith('cups-pdf:'))
      return { why: `CUPS queue ${name} prints to ${q.deviceUri ?? 'an unknown device'}, not cups-pdf` };
    return { spooler };
  } catch (err) {
    return { why: `no cups-pdf queue ${name} (${err instanceof Error ? err.message : String(err)})` };
  }
}

export const a4Printer = defineFamily({
  family: a4PrinterManifest.family,
  roles: a4PrinterManifest.roles,
  transports: ['spooler', 'simulated'],
  options: a4PrinterManifest.config,
  manifest: a4PrinterManifest,
  async build(
    spec,
    ctx,
  ): Promise<BuiltDevice<A4PrinterCommands, A4PrinterSimulatorControl, A4PrinterDriver>> {
    const t = spec.transport;
    const o = spec.options;
    const clock = ctx.clock ?? systemClock;
    let spooler: Spooler;
    let queue: string;
    let control: A4PrinterSimulatorControl | undefined;
    let stopSim = () => undefined as void;
    if (t.kind === 'spooler') {
      const { cupsIppExchange } = await import('../../../devices/transports/cups');
      spooler = new CupsSpooler(cupsIppExchange(), spoolerUser());
      queue = t.queue;
    } else if (t.kind === 'simulated') {
      const chosen = await simulatedSpooler(o, ctx.log, clock);
      ({ spooler, queue, control } = chosen);
      stopSim = chosen.stop;
    } else throw new RangeError(`a4-printer cannot use a ${t.kind} transport`);

    const driver = new A4PrinterDriver(
      spooler,
      {
        deviceId: spec.id,
        queue,
        ...(o.jobTimeoutMs !== undefined ? { jobTimeoutMs: o.jobTimeoutMs } : {}),
        ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
        statusPollMs: o.statusPollMs ?? (ctx.mode === 'service' ? 5000 : 0),
      },
      ctx.log,
      clock,
    );
    await driver.refreshStatus();
    driver.start();
    const simControl = control && {
      ...control,
      // A change made from outside shows in the status at once, not at the next poll.
      paper: async (state: 'ok' | 'out') => {
        await control.paper(state);
        await driver.refreshStatus();
      },
    };
    return {
      id: spec.id,
      family: spec.family,
      ...statusOf(driver.status),
      condition: () => a4Condition(driver.status.current),
      linkProblem: () => undefined,
      commands: {
        queue,
        print: (pdf, { title, key, copies, signal }) =>
          driver.print(pdf, { title, idempotencyKey: key, ...(copies ? { copies } : {}) }, signal),
        cancel: (jobId, signal) => driver.cancel(jobId, signal),
        refreshStatus: (signal) => driver.refreshStatus(signal),
      },
      driver,
      ...(simControl ? { simulator: simControl } : {}),
      async stop() {
        await driver.stop();
        stopSim();
      },
    };
  },
  selfTests: (device) => selfTestPlan(a4SelfTests, device.driver!, device.driver!.clock),
});

async function simulatedSpooler(
  o: A4PrinterOptions,
  log: Logger,
  clock: Clock,
): Promise<{ spooler: Spooler; queue: string; control: A4PrinterSimulatorControl; stop: () => void }> {
  const want = o.simulator?.spooler ?? 'auto';
  const name = o.simulator?.cupsPdfQueue ?? DEFAULT_CUPS_PDF_QUEUE;
  let why = 'configured';
  if (want !== 'memory') {
    const found = await cupsPdfQueue(name);
    if ('spooler' in found) {
      log.info('a4.simulation', { via: 'cups-pdf', queue: name });
      const control: A4PrinterSimulatorControl = {
        via: 'cups-pdf',
        queue: name,
        paper: () => Promise.reject(new Error('a cups-pdf queue has no paper tray to empty')),
        submitted: () => [],
      };
      return { spooler: found.spooler, queue: name, control, stop: () => undefined };
    }
    if (want === 'cups-pdf') throw new Error(found.why);
    why = found.why;
  }
  const sim = new SimulatedSpooler('SimA4', clock);
  const stop = sim.autoAdvance(200);
  log.info('a4.simulation', { via: 'memory', queue: sim.queue, why });
  const control: A4PrinterSimulatorControl = {
    via: 'memory',
    queue: sim.queue,
    paper: (state) => {
      sim.faults.paperOut = state === 'out';
      return Promise.resolve();
    },
    submitted: () => sim.submitted,
  };
  return { spooler: sim, queue: sim.queue, control, stop };
}
