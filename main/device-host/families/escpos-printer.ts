// ESC/POS receipt printers. One wiring for the host, `yizhan device printer` and `yizhan sim printer`.
import { existsSync, readFileSync } from 'node:fs';
import { formatDateTime } from '../../../domain/time';
import {
  systemClock,
  type Clock,
  type DeviceStatus,
  type Logger,
  type Transport,
} from '../../../devices/core';
import {
  createCjkRasterizer,
  EscposPrinterDriver,
  escposPrinterManifest,
  EscposPrinterSimulator,
  findProfile,
  NOTO_CJK_FONT_PATHS,
  printerChecks,
  PROFILE_NAMES,
  testSlip,
  type GlyphRasterizer,
  type PrinterDetail,
  type PrinterFaults,
  type PrinterProfile,
  type PrintJob,
  type PrintJobState,
  type ReceiptDocument,
  type SimulatedReceipt,
} from '../../../devices/escpos-printer';
import type { DeviceCondition } from '../../ipc/contract';
import { selfTestPlan, serialLink, statusOf, simulatedParts } from './link';
import { defineFamily, type BuiltDevice } from './types';

/** Job states after which a job no longer moves by itself. */
const SETTLED: PrintJobState[] = ['printed', 'taken', 'held', 'failed', 'canceled'];

export interface ReceiptPrinterCommands {
  readonly profile: PrinterProfile;
  /** Whether the model can tell that a receipt was taken (a presenter sensor). */
  readonly knowsTaken: boolean;
  /** One DLE EOT round now. */
  refreshStatus(signal?: AbortSignal): Promise<DeviceStatus<PrinterDetail>>;
  /** Queues a receipt under an idempotency key (the same key never prints twice) and returns at once. */
  submit(doc: ReceiptDocument, options: { key: string }): PrintJob;
  /**
   * Prints and resolves once the job settles: `printed` (cut and out) or `taken`; `held` with the
   * reason (paper out, cover open …: resume() prints it once the printer can), `failed`, `canceled`.
   */
  print(doc: ReceiptDocument, options: { key: string; signal?: AbortSignal }): Promise<PrintJob>;
  /** Follows a printed receipt: taken by the customer, not taken in time, or unknown (no sensor). */
  whenTaken(
    jobId: string,
    opts: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<'taken' | 'notTaken' | 'unknown'>;
  job(id: string): PrintJob | undefined;
  waitForJob(id: string, states: PrintJobState[], signal?: AbortSignal): Promise<PrintJob>;
  resume(id: string): PrintJob;
  cancel(id: string): PrintJob;
  onJob(listener: (job: PrintJob) => void): () => void;
  /** Prints the technician's test slip (status read first). */
  testSlip(signal?: AbortSignal): Promise<PrintJob>;
}

export interface ReceiptPrinterSimulatorControl {
  readonly simulator: EscposPrinterSimulator;
  /** The customer takes the receipt from the presenter. */
  take(): void;
  /** Paper roll: fine, nearly used up, or out (put paper out or back). */
  paper(state: 'ok' | 'low' | 'out'): void;
  cover(open: boolean): void;
  setFaults(patch: Partial<PrinterFaults>): void;
  readonly faults: Readonly<PrinterFaults>;
  readonly receiptInPresenter: boolean;
  /** The last receipts printed (at most 20), as transcripts. */
  receipts(): { index: number; transcript: string; interrupted: boolean }[];
  onReceipt(listener: (r: SimulatedReceipt) => void): () => void;
  dispose(): void;
}

let fontGlyphs: GlyphRasterizer | null | undefined;
/** The Noto CJK rasteriser (Debian fonts-noto-cjk), loaded once; null when the font is missing. */
export function cjkGlyphs(): GlyphRasterizer | null {
  if (fontGlyphs === undefined) {
    const fontPath = NOTO_CJK_FONT_PATHS.find((p) => existsSync(p));
    fontGlyphs = fontPath ? createCjkRasterizer(readFileSync(fontPath)) : null;
  }
  return fontGlyphs;
}

export function resolveProfile(name: string): PrinterProfile {
  const profile = findProfile(name);
  if (!profile) throw new RangeError(`unknown printer profile "${name}"; one of ${PROFILE_NAMES.join(', ')}`);
  return profile;
}

/** A virtual printer on `wire` (host link or a pty): renders what it receives, faults switchable. */
export function createReceiptPrinterSimulator(
  wire: Transport,
  opts: {
    profile: PrinterProfile;
    baudRate: number;
    log?: Logger;
    receiptsWaitToBeTaken?: boolean;
    clock?: Clock;
  },
): ReceiptPrinterSimulatorControl {
  const glyphs = cjkGlyphs();
  if (!glyphs)
    throw new Error('the simulated printer needs the Noto CJK font (Debian package fonts-noto-cjk)');
  const sim = new EscposPrinterSimulator(wire, {
    profile: opts.profile,
    glyphs,
    baudRate: opts.baudRate,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  if (opts.receiptsWaitToBeTaken) sim.setFaults({ notTaken: true });
  const kept: { index: number; transcript: string; interrupted: boolean }[] = [];
  const offKeep = sim.onReceipt((r) => {
    kept.push({ index: r.index, transcript: r.transcript, interrupted: r.interrupted });
    if (kept.length > 20) kept.shift();
    // The simulator's own list holds every page (and its PNG once drawn); a kiosk runs for months.
    if (sim.receipts.length > 20) sim.receipts.splice(0, sim.receipts.length - 20);
  });
  return {
    simulator: sim,
    take: () => sim.takeReceipt(),
    paper: (state) =>
      sim.setFaults({ paperOut: state === 'out', paperNearEnd: state !== 'ok', paperOutMidJob: null }),
    cover: (open) => sim.setFaults({ coverOpen: open }),
    setFaults: (patch) => sim.setFaults(patch),
    get faults() {
      return sim.faults;
    },
    get receiptInPresenter() {
      return sim.receiptInPresenter;
    },
    receipts: () => kept.map((r) => ({ ...r })),
    onReceipt: (l) => sim.onReceipt(l),
    dispose: () => {
      offKeep();
      sim.dispose();
    },
  };
}

export function receiptPrinterCondition(s: DeviceStatus<object>): DeviceCondition {
  const d = s.detail as Partial<PrinterDetail>;
  if (s.health === 'noDevice' || s.health === 'powerOff') return 'notConnected';
  if (d.paper === 'out') return 'paperOut';
  if (d.coverOpen) return 'coverOpen';
  if (d.cutterError) return 'cutterError';
  if (s.health === 'hardwareError') return 'hardwareError';
  if (d.online === false || s.health === 'offline') return 'printerOffline';
  if (s.health === 'busy') return 'busy';
  if (d.receiptTaken === false) return 'receiptNotTaken';
  if (d.paper === 'nearEnd') return 'paperLow';
  return 'ready';
}

export const escposPrinter = defineFamily({
  family: escposPrinterManifest.family,
  roles: escposPrinterManifest.roles,
  transports: ['serial', 'simulated'],
  options: escposPrinterManifest.config,
  manifest: escposPrinterManifest,
  async build(
    spec,
    ctx,
  ): Promise<BuiltDevice<ReceiptPrinterCommands, ReceiptPrinterSimulatorControl, EscposPrinterDriver>> {
    const o = spec.options;
    const clock = ctx.clock ?? systemClock;
    const profile = resolveProfile(o.profile);
    const baudRate = spec.transport.kind === 'serial' ? (spec.transport.baudRate ?? 115200) : 115200;
    let control: ReceiptPrinterSimulatorControl | undefined;
    const link = serialLink(spec, ctx, 115200, () => ({
      attach: (wire) => {
        control = createReceiptPrinterSimulator(wire, {
          profile,
          baudRate,
          log: ctx.log.child({ role: 'simulator' }),
          receiptsWaitToBeTaken: o.simulator?.receiptsWaitToBeTaken ?? true,
          clock,
        });
        return () => control?.dispose();
      },
    }));
    await link.open();
    // Raster fallback glyphs: loading the font takes a second a status-only command need not wait.
    const glyphs = ctx.statusOnly ? null : cjkGlyphs();
    const driver = new EscposPrinterDriver(
      link.transport,
      {
        deviceId: spec.id,
        profile,
        baudRate,
        ...(glyphs ? { glyphs } : {}),
        ...(ctx.journal ? { journal: ctx.journal } : {}),
        ...(o.takeTimeoutMs !== undefined ? { takeTimeoutMs: o.takeTimeoutMs } : {}),
        ...(o.replyTimeoutMs !== undefined ? { replyTimeoutMs: o.replyTimeoutMs } : {}),
        ...(o.statusBack !== undefined ? { statusBack: o.statusBack } : {}),
        statusPollMs: o.statusPollMs ?? (ctx.mode === 'oneShot' ? 0 : 2000),
      },
      ctx.log,
      clock,
    );
    driver.start();
    return {
      id: spec.id,
      family: spec.family,
      ...statusOf(driver.status),
      condition: () => receiptPrinterCondition(driver.status.current),
      linkProblem: link.problem,
      commands: receiptCommands(driver, profile, clock),
      driver,
      ...simulatedParts(control, link),
      async stop() {
        await driver.stop();
        link.dispose();
      },
    };
  },
  selfTests: (device) => selfTestPlan(printerChecks, device.driver!, device.driver!.clock),
  operate(control, request) {
    if (request.kind === 'takeReceipt') control.take();
    return Promise.resolve();
  },
});

function receiptCommands(
  driver: EscposPrinterDriver,
  profile: PrinterProfile,
  clock: Clock,
): ReceiptPrinterCommands {
  const knowsTaken = profile.statusBits.receiptNotTaken !== null;
  return {
    profile,
    knowsTaken,
    refreshStatus: (signal) => driver.refreshStatus(signal),
    submit: (doc, options) => driver.submit(doc, options),
    async print(doc, { key, signal }) {
      const job = driver.submit(doc, { key });
      return driver.waitForJob(job.id, SETTLED, signal);
    },
    whenTaken: (jobId, opts) => driver.waitTaken(jobId, opts),
    job: (id) => driver.job(id),
    waitForJob: (id, states, signal) => driver.waitForJob(id, states, signal),
    resume: (id) => driver.resume(id),
    cancel: (id) => driver.cancel(id),
    onJob: (listener) => driver.events.on('job', listener),
    async testSlip(signal) {
      const status = await driver.refreshStatus(signal).catch(() => driver.status.current);
      const at = new Date(clock.now());
      // People read Beijing time on paper, not the UTC instant (issue #8); the QR keeps the instant.
      const job = driver.submit(testSlip(status, at, formatDateTime(at, { seconds: true })), {
        key: `test-${at.getTime()}`,
      });
      return driver.waitForJob(job.id, SETTLED, signal);
    },
  };
}
