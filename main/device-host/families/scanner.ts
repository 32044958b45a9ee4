// QR / barcode scanners: serial GM65-style modules and USB HID POS scanners. One wiring for the host,
// `yizhan device scanner` and `yizhan sim scanner`; both links are kept open by a LinkSupervisor.
import {
  systemClock,
  type Clock,
  type DeviceEvents,
  type DeviceStatus,
  type Emitter,
  type Logger,
  type Transport,
} from '../../../devices/core';
import {
  defaultHidScannerConfig,
  defaultSerialScannerConfig,
  HID_POS_PROFILES,
  HID_POS_USAGE_PAGE,
  HidScannerDriver,
  scannerManifest,
  scannerSelfTests,
  ScannerSimulator,
  SerialScannerDriver,
  type ScanEvent,
  type ScannerDetail,
  type ScannerEvents,
  type ScannerOptions,
} from '../../../devices/scanner';
import type { DeviceCondition } from '../../ipc/contract';
import { selfTestPlan, serialLink, statusOf, simulatedParts } from './link';
import { defineFamily, type BuiltDevice } from './types';

export type { ScannerOptions };

export interface ScannerCommands {
  /** The next code presented; `timeout`/`noScan` when none comes in time. */
  next(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<ScanEvent>;
  /** Every code presented while the listener is subscribed (a step that listens). */
  listen(listener: (scan: ScanEvent) => void): () => void;
}

export interface ScannerSimulatorControl {
  readonly simulator: ScannerSimulator;
  /** A code is presented: 6–30 letters/digits go out as Code 128, anything else as QR. */
  scan(text: string): Promise<void>;
  dispose(): void;
}

/** A simulated GM65-style module on `wire` (host link or a pty of `yizhan sim scanner`). */
export function createScannerSimulator(
  wire: Transport,
  opts: { baudRate?: number; aimPrefix?: boolean; log?: Logger; clock?: Clock } = {},
): ScannerSimulatorControl {
  const sim = new ScannerSimulator(
    wire,
    {
      baudRate: opts.baudRate ?? 9600,
      aimPrefix: opts.aimPrefix === true,
      ...(opts.clock ? { clock: opts.clock } : {}),
    },
    opts.log,
  );
  return {
    simulator: sim,
    scan: (text) => sim.scan(text, { aim: /^[0-9A-Za-z]{6,30}$/.test(text) ? ']C0' : ']Q1' }),
    dispose: () => sim.dispose(),
  };
}

export function scannerCondition(s: DeviceStatus<object>): DeviceCondition {
  if (s.health === 'online') return 'ready';
  if (s.health === 'busy') return 'busy';
  if (s.health === 'hardwareError' || s.health === 'offline') return 'hardwareError';
  return 'notConnected';
}

export const scanner = defineFamily({
  family: scannerManifest.family,
  roles: scannerManifest.roles,
  transports: ['serial', 'hid', 'simulated'],
  options: scannerManifest.config,
  manifest: scannerManifest,
  async build(
    spec,
    ctx,
  ): Promise<BuiltDevice<ScannerCommands, ScannerSimulatorControl, SerialScannerDriver | HidScannerDriver>> {
    const clock = ctx.clock ?? systemClock;
    if (spec.transport.kind === 'hid')
      return buildHid(spec as typeof spec & { transport: { kind: 'hid' } }, ctx.log, clock);
    const o = spec.options;
    const config = defaultSerialScannerConfig({
      ...(o.mode ? { mode: o.mode } : {}),
      ...(o.terminator ? { terminator: o.terminator } : {}),
      ...(o.encoding ? { encoding: o.encoding } : {}),
      ...(o.aimPrefix !== undefined ? { aimPrefix: o.aimPrefix } : {}),
      ...(o.saveToFlash !== undefined ? { saveToFlash: o.saveToFlash } : {}),
    });
    const baudRate = spec.transport.kind === 'serial' ? (spec.transport.baudRate ?? 9600) : 9600;
    let control: ScannerSimulatorControl | undefined;
    const link = serialLink(spec, ctx, 9600, () => ({
      attach: (wire) => {
        control = createScannerSimulator(wire, {
          baudRate,
          aimPrefix: config.aimPrefix,
          log: ctx.log.child({ role: 'simulator' }),
          clock,
        });
        return () => control?.dispose();
      },
    }));
    const driver = new SerialScannerDriver(link.transport, { deviceId: spec.id, ...config }, ctx.log, clock);
    // A technician's command starts listening once the module is configured; a code presented
    // meanwhile (the driver keeps codes that arrive among the replies) waits for it here. The kiosk
    // keeps none: a code scanned before any step asked for one must not be taken for a later answer.
    const early = ctx.mode === 'oneShot' ? keepUntilListened(driver.events) : undefined;
    await link.open();
    // The kiosk keeps the link open and configures the module on every (re)open (it may have been
    // power-cycled); a technician's command configures it once, here, and fails at once if it cannot.
    if (ctx.mode === 'service') driver.start();
    else
      await driver.configure().catch(async (err: unknown) => {
        driver.dispose();
        await link.transport.close();
        throw err;
      });
    return {
      id: spec.id,
      family: spec.family,
      ...statusOf(driver.status),
      condition: () => scannerCondition(driver.status.current),
      linkProblem: link.problem,
      commands: scannerCommands(driver, early),
      driver,
      ...simulatedParts(control, link),
      async stop() {
        await driver.stop();
        driver.dispose();
        link.dispose();
      },
    };
  },
  selfTests: (device) => selfTestPlan(scannerSelfTests, device.driver!, device.driver!.clock),
  async operate(control, request) {
    if (request.kind === 'presentCode') await control.scan(request.text);
  },
});

/** A HID POS scanner: reports from node-hid, the link kept open (replug, resume) by a supervisor. */
async function buildHid(
  spec: {
    id: string;
    family: string;
    transport: {
      kind: 'hid';
      path?: string | undefined;
      vendorId?: number | undefined;
      productId?: number | undefined;
    };
    options: ScannerOptions;
  },
  log: Logger,
  clock: Clock,
): Promise<BuiltDevice<ScannerCommands, ScannerSimulatorControl, HidScannerDriver>> {
  const { HidTransport } = await import('../../../devices/transports/hid');
  const { path, vendorId, productId } = spec.transport;
  const transport = new HidTransport({
    ...(path !== undefined ? { path } : {}),
    ...(vendorId !== undefined ? { vendorId } : {}),
    ...(productId !== undefined ? { productId } : {}),
    usagePage: HID_POS_USAGE_PAGE,
  });
  const profile = HID_POS_PROFILES[spec.options.hidProfile ?? 'honeywell']!;
  const driver = new HidScannerDriver(
    transport,
    { deviceId: spec.id, ...defaultHidScannerConfig({ profile }) },
    log,
    clock,
  );
  // Until the first open succeeds the scanner is absent, not merely unknown.
  driver.status.update({ health: 'noDevice' });
  driver.start();
  return {
    id: spec.id,
    family: spec.family,
    ...statusOf(driver.status),
    condition: () => scannerCondition(driver.status.current),
    linkProblem: () => undefined,
    commands: scannerCommands(driver),
    driver,
    async stop() {
      await driver.stop();
      driver.dispose();
    },
  };
}

/** Codes that arrive before anyone listens, handed to the first listener (or `next`) and then dropped. */
interface EarlyScans {
  take(): ScanEvent[];
}

function keepUntilListened(events: Emitter<DeviceEvents<ScannerDetail> & ScannerEvents>): EarlyScans {
  let kept: ScanEvent[] | undefined = [];
  const off = events.on('scan', (s) => kept?.push(s));
  return {
    take() {
      off();
      const out = kept ?? [];
      kept = undefined;
      return out;
    },
  };
}

function scannerCommands(
  driver: {
    readonly events: Emitter<DeviceEvents<ScannerDetail> & ScannerEvents>;
    nextScan(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<ScanEvent>;
  },
  early?: EarlyScans,
): ScannerCommands {
  return {
    next: (opts) => {
      const first = early?.take()[0];
      return first ? Promise.resolve(first) : driver.nextScan(opts);
    },
    listen: (listener) => {
      const off = driver.events.on('scan', listener);
      for (const s of early?.take() ?? []) listener(s);
      return off;
    },
  };
}
