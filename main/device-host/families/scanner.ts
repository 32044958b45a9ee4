// QR / barcode scanners: serial GM65-style modules and USB HID POS scanners. One wiring for the host,
// `yizhan device scanner` and `yizhan sim scanner`; both links are kept open by a LinkSupervisor.
import { z } from 'zod';
import {
  DeviceError,
  systemClock,
  type Clock,
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
  ScannerSimulator,
  SerialScannerDriver,
  type OutputEncoding,
  type ScanEvent,
  type ScanMode,
  type ScannerEvents,
  type Terminator,
} from '../../../devices/scanner';
import type { DeviceCondition } from '../../ipc/contract';
import { serialLink, statusOf, superviseLink, untilDeadline, simulatedParts } from './link';
import { defineFamily, type BuiltDevice } from './types';

const MODES: [ScanMode, ...ScanMode[]] = ['sensing', 'manual', 'command', 'continuous'];
const TERMINATORS: [Terminator, ...Terminator[]] = ['crlf', 'cr', 'tab', 'none'];
const ENCODINGS: [OutputEncoding, ...OutputEncoding[]] = ['utf8', 'gbk'];

const Options = z
  .object({
    /** Serial scanners: written to the module at start-up. */
    mode: z.enum(MODES).optional(),
    terminator: z.enum(TERMINATORS).optional(),
    encoding: z.enum(ENCODINGS).optional(),
    /** The module was set (by setup barcode) to prefix each scan with its AIM identifier. */
    aimPrefix: z.boolean().optional(),
    saveToFlash: z.boolean().optional(),
    /** HID POS scanners: the vendor's report layout. */
    hidProfile: z.enum(Object.keys(HID_POS_PROFILES) as [string, ...string[]]).optional(),
  })
  .strict();
export type ScannerOptions = z.infer<typeof Options>;

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
  family: 'scanner',
  roles: ['scanner'],
  transports: ['serial', 'hid', 'simulated'],
  options: Options,
  async build(spec, ctx): Promise<BuiltDevice<ScannerCommands, ScannerSimulatorControl>> {
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
    const driver = new SerialScannerDriver(spec.id, link.transport, config, ctx.log, clock);
    // A technician's command starts listening once the module is configured; a code presented
    // meanwhile (the driver keeps codes that arrive among the replies) waits for it here. The kiosk
    // keeps none: a code scanned before any step asked for one must not be taken for a later answer.
    const early = ctx.mode === 'oneShot' ? keepUntilListened(driver.events) : undefined;
    await link.open();
    // A replugged module may have been power-cycled: configure it again on every (re)open.
    const supervisor =
      ctx.mode === 'service'
        ? superviseLink(
            link.transport,
            ctx.log,
            async (signal) => {
              await driver.configure(signal);
            },
            {},
            clock,
          )
        : undefined;
    if (supervisor) supervisor.start();
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
      commands: scannerCommands(spec.id, driver.events, clock, early),
      ...simulatedParts(control, link),
      async stop() {
        driver.dispose();
        if (supervisor) await supervisor.stop();
        else await link.transport.close();
        link.dispose();
      },
    };
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
): Promise<BuiltDevice<ScannerCommands, ScannerSimulatorControl>> {
  const { HidTransport } = await import('../../../devices/transports/hid');
  const { path, vendorId, productId } = spec.transport;
  const transport = new HidTransport({
    ...(path !== undefined ? { path } : {}),
    ...(vendorId !== undefined ? { vendorId } : {}),
    ...(productId !== undefined ? { productId } : {}),
    usagePage: HID_POS_USAGE_PAGE,
  });
  const profile = HID_POS_PROFILES[spec.options.hidProfile ?? 'honeywell']!;
  const driver = new HidScannerDriver(spec.id, transport, defaultHidScannerConfig({ profile }), log, clock);
  const supervisor = superviseLink(transport, log, () => Promise.resolve(driver.markOnline()), {}, clock);
  // Until the first open succeeds the scanner is absent, not merely unknown.
  driver.status.update({ health: 'noDevice' });
  supervisor.start();
  return {
    id: spec.id,
    family: spec.family,
    ...statusOf(driver.status),
    condition: () => scannerCondition(driver.status.current),
    linkProblem: () => undefined,
    commands: scannerCommands(spec.id, driver.events, clock),
    async stop() {
      driver.dispose();
      await supervisor.stop();
    },
  };
}

/** Codes that arrive before anyone listens, handed to the first listener (or `next`) and then dropped. */
interface EarlyScans {
  take(): ScanEvent[];
}

function keepUntilListened(events: Emitter<ScannerEvents>): EarlyScans {
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
  deviceId: string,
  events: Emitter<ScannerEvents>,
  clock: Clock,
  early?: EarlyScans,
): ScannerCommands {
  return {
    next: ({ timeoutMs, signal }) => {
      const first = early?.take()[0];
      if (first) return Promise.resolve(first);
      return untilDeadline(
        timeoutMs,
        signal,
        clock,
        (limit) => events.next('scan', limit),
        () => {
          throw new DeviceError(
            'timeout',
            '未扫码 / no code was scanned in time',
            { deviceId, command: 'next' },
            { detail: 'noScan' },
          );
        },
        { deviceId, command: 'next' },
      );
    },
    listen: (listener) => {
      const off = events.on('scan', listener);
      for (const s of early?.take() ?? []) listener(s);
      return off;
    },
  };
}
