import type { z } from 'zod';
import type {
  Clock,
  DeviceDiagnostics,
  DeviceError,
  DeviceManifest,
  DeviceStatus,
  Logger,
  Operator,
  OperatorRequest,
  ReconfigurableTransport,
  SelfTestInfo,
  SelfTestResult,
} from '../../../devices/core';
import type { PrintJournal } from '../../../devices/escpos-printer';
import type { TransportConfig, TransportKind } from '../../config/host-config';
import type { DeviceRole } from '../../config/roles';
import type { DeviceCondition } from '../../ipc/contract';

/**
 * `service`: the host keeps the device up for good (a link that cannot be opened is retried with
 * backoff and reported through the status). `oneShot`: a technician command; a port that cannot be
 * opened fails at once with the OS's reason.
 */
export type BuildMode = 'service' | 'oneShot';

export interface BuildContext {
  log: Logger;
  mode: BuildMode;
  /** The kiosk's data directory (simulators keep their output under it). */
  dataDir?: string;
  /** Durable receipt job states (main/printing supplies one). */
  journal?: PrintJournal;
  /** A command that only reads status: skip what only printing needs (fonts). */
  statusOnly?: boolean;
  /** Time for drivers and simulators (the system clock by default; tests pass a ManualClock). */
  clock?: Clock;
  /** Opens a serial port (SerialTransport by default; tests wrap it to follow its I/O). */
  serialPort?: (options: { path: string; baudRate: number }) => ReconfigurableTransport;
}

/** One device as configured, its options already checked by the family's schema. */
export interface DeviceSpec<O> {
  id: string;
  family: string;
  transport: TransportConfig;
  options: O;
}

/** The cable of a simulated device: pulled and put back from outside (sim control). */
export interface SimulatedLinkControl {
  readonly plugged: boolean;
  unplug(): Promise<void>;
  replug(): Promise<void>;
}

/** The part of a family's driver the host uses beside the commands (devices/core/contract.ts). */
export interface DriverFace {
  readonly manifest: DeviceManifest;
  diagnostics(): DeviceDiagnostics;
  counters(): Readonly<Record<string, number>>;
}

/**
 * A running device: its status, a typed command API, its driver (the common device contract:
 * manifest, counters, diagnostics, self-tests) and, when simulated, a handle that drives the
 * simulator the way a person at the kiosk would.
 */
export interface BuiltDevice<C = unknown, S = unknown, D extends DriverFace = DriverFace> {
  readonly id: string;
  readonly family: string;
  status(): DeviceStatus<object>;
  onStatus(listener: (s: DeviceStatus<object>) => void): () => void;
  /** What the device can do now, for people (see DeviceCondition). */
  condition(): DeviceCondition;
  /** Why the link is down, when an open failed and nothing has answered since (e.g. portUnavailable). */
  linkProblem: () => DeviceError | undefined;
  readonly commands: C;
  /** The family's driver; absent only where the device lives in the page (the document camera). */
  readonly driver?: D;
  readonly simulator?: S;
  readonly link?: SimulatedLinkControl;
  stop(): Promise<void>;
}

export interface FamilyDefinition<O = unknown, C = unknown, S = unknown, D extends DriverFace = DriverFace> {
  readonly family: string;
  /** What the family is (roles, options, counters, self-tests), from devices/<family>/manifest.ts. */
  readonly manifest: DeviceManifest<O>;
  /** The roles a device of this family serves (DeviceServices). */
  readonly roles: readonly DeviceRole[];
  readonly transports: readonly TransportKind[];
  /** Strict: an unknown or misspelt option is an error at start. */
  readonly options: z.ZodType<O>;
  build(spec: DeviceSpec<O>, ctx: BuildContext): Promise<BuiltDevice<C, S, D>>;
  /** The family's self-tests against a built device, in order (the acceptance suite runs them all). */
  selfTests(device: BuiltDevice<C, S, D>, params: SelfTestParams): SelfTestPlan;
  /** How its simulator stands in for the person at the bench when the suite runs against it. */
  operate?(simulator: S, request: OperatorRequest): Promise<void>;
}

/** What a technician chooses for the self-tests (the locker door to open). */
export interface SelfTestParams {
  board?: number;
  door?: number;
}

/** Self-tests bound to one device: their names, and how to run them with a person (or a simulator). */
export interface SelfTestPlan {
  readonly tests: readonly SelfTestInfo[];
  run(ctx: {
    operator: Operator;
    signal?: AbortSignal;
    onResult?: (r: SelfTestResult) => void;
    /** Only these tests (by id), still in the plan's order; all when absent. */
    only?: readonly string[];
  }): Promise<SelfTestResult[]>;
}

/** Keeps each family's types when it is put in a table of families. */
export const defineFamily = <O, C, S, D extends DriverFace>(
  f: FamilyDefinition<O, C, S, D>,
): FamilyDefinition<O, C, S, D> => f;
