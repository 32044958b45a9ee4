/**
 * The one outward shape of every device family (XFS4IoT's common interface, Home Assistant's
 * integration file set): constructed as `new XDriver(transport, config, log, clock)`, started with
 * `start()`, ended with an async `stop()`, the same event names (`status`, `error`, then the
 * family's own in camelCase), a static `manifest`, counters, and `diagnostics()`, a redacted
 * snapshot a technician may export. devices/_template/ starts a new family from it.
 */
import { maskIdNumber, maskName, maskPan, maskText } from '../../domain/identity';
import { systemClock, type Clock } from './clock';
import { Emitter } from './emitter';
import type { DeviceError } from './errors';
import { silentLogger, type Logger } from './logger';
import { StatusCell, type DeviceStatus } from './status';

/** A self-test a technician runs through the real driver (diagnostics mode, the acceptance suite). */
export interface SelfTestInfo {
  id: string;
  /** i18n key of its title. */
  title: string;
  /** `action` moves something (prints, opens a door); `check` only asks. */
  kind: 'check' | 'action';
}

/** The outcome of one self-test: a failure or warning names what to fix by an i18n key. */
export type SelfTestOutcome =
  | { outcome: 'pass'; data?: Record<string, unknown> }
  | { outcome: 'warn' | 'fail'; key: string; data?: Record<string, unknown> };

/**
 * What a self-test asks of the person at the device: on a technician's bench the CLI prints the
 * request and the test waits for the device to see it done; against a simulator, the simulator does it.
 */
export type OperatorRequest =
  | { kind: 'placeIdCard' }
  | { kind: 'removeIdCard' }
  | { kind: 'insertCard'; card: 'socialSecurity' | 'bank' }
  | { kind: 'removeCard' }
  | { kind: 'takeReceipt' }
  | { kind: 'closeDoor'; board: number; door: number }
  | { kind: 'presentCode'; text: string };

export interface Operator {
  ask(request: OperatorRequest): Promise<void>;
  /** How long a self-test waits for the device to see it done (a person needs a minute, a simulator none). */
  readonly patienceMs: number;
}

export interface SelfTest<D> extends SelfTestInfo {
  run(ctx: SelfTestContext<D>): Promise<SelfTestOutcome>;
}

export interface SelfTestContext<D> {
  device: D;
  operator: Operator;
  signal?: AbortSignal;
  /** The time as people read it on paper (the host's domain/time: Beijing time unless the site sets a zone); devices cannot format it. */
  readableTime?: (at: Date) => string;
}

export interface SelfTestResult extends SelfTestInfo {
  outcome: SelfTestOutcome['outcome'];
  key?: string;
  data?: Record<string, unknown>;
  /** Milliseconds on the device's clock. */
  ms: number;
}

/**
 * Runs self-tests in order (the acceptance suite is all of them): each result as it comes, a thrown
 * error as a failure keyed by its code; redacted like diagnostics.
 */
export async function runSelfTests<D>(
  tests: readonly SelfTest<D>[],
  ctx: SelfTestContext<D> & { clock?: Clock },
  onResult?: (r: SelfTestResult) => void,
): Promise<SelfTestResult[]> {
  const clock = ctx.clock ?? systemClock;
  const results: SelfTestResult[] = [];
  for (const t of tests) {
    const started = clock.monotonic();
    let o: SelfTestOutcome;
    try {
      o = await t.run({
        device: ctx.device,
        operator: ctx.operator,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(ctx.readableTime ? { readableTime: ctx.readableTime } : {}),
      });
    } catch (err) {
      const e = err as Partial<DeviceError>;
      o = { outcome: 'fail', key: `diag.error.${e.detail ?? e.code ?? 'unexpected'}` };
    }
    const r: SelfTestResult = redact({
      id: t.id,
      title: t.title,
      kind: t.kind,
      outcome: o.outcome,
      ...('key' in o ? { key: o.key } : {}),
      ...(o.data ? { data: o.data } : {}),
      ms: Math.round(clock.monotonic() - started),
    });
    results.push(r);
    onResult?.(r);
  }
  return results;
}

/** What a family is, for the host, the diagnostics mode and the acceptance suite. */
export interface DeviceManifest<Config = unknown> {
  family: string;
  /** The DeviceServices roles a device of this family can serve (main/device-host checks the names). */
  roles: readonly string[];
  /** The family's options as a site configuration gives them (a zod schema in the family). */
  config: { parse(input: unknown): Config };
  /** What the driver counts (see Counters): cards read, receipts printed, doors opened, faults. */
  counters: readonly string[];
  selfTests: readonly SelfTestInfo[];
}

/** The events every device emits, with the family's own added (camelCase names). */
export type DeviceEvents<Detail> = {
  /** Health or detail changed. */
  status: DeviceStatus<Detail>;
  /** A failure outside a command the caller awaits (a background poll, a read started by the device). */
  error: { error: DeviceError; at: number };
};

export interface DeviceDiagnostics {
  family: string;
  deviceId: string;
  /** How the device is reached, e.g. serial:/dev/ttyUSB0@115200. */
  link: string;
  health: DeviceStatus<object>['health'];
  detail: object;
  changedAt: number;
  counters: Record<string, number>;
  /** The last failures, newest last, without their messages (codes a technician can look up). */
  recentErrors: { code: string; detail?: string; command?: string; at: number }[];
  /** What the device says about itself where the protocol gives it: SAM ID, model, firmware. */
  identity: Record<string, string | number | null>;
}

/** Counts by name; only the names a manifest declares. */
export class Counters<Name extends string> {
  readonly #values: Record<string, number> = {};

  constructor(names: readonly Name[]) {
    for (const n of names) this.#values[n] = 0;
  }

  add(name: Name, by = 1): void {
    this.#values[name] = (this.#values[name] ?? 0) + by;
  }

  snapshot(): Record<Name, number> {
    return { ...this.#values } as Record<Name, number>;
  }
}

const RECENT_ERRORS = 20;

/**
 * The common part of every driver: status cell and its `status` event, the `error` event with the
 * recent errors it keeps, counters, and the redacted diagnostics snapshot. A family's driver extends
 * it and adds its commands.
 */
export abstract class DeviceDriver<
  Detail extends object,
  Events extends Record<string, unknown> = Record<never, never>,
  Counter extends string = string,
> {
  readonly events = new Emitter<DeviceEvents<Detail> & Events>();
  readonly status: StatusCell<Detail>;
  readonly deviceId: string;
  protected readonly log: Logger;
  /** The device's clock (self-tests measure on it). */
  readonly clock: Clock;
  protected readonly counts: Counters<Counter>;
  readonly #recent: DeviceDiagnostics['recentErrors'] = [];
  readonly #link: () => string;
  #lastError: DeviceStatus<Detail>['lastError'];

  protected constructor(
    readonly manifest: DeviceManifest,
    init: { deviceId: string; detail: Detail; link: () => string; counters: readonly Counter[] },
    log: Logger = silentLogger,
    clock: Clock = systemClock,
  ) {
    this.deviceId = init.deviceId;
    this.log = log.child({ device: init.deviceId });
    this.clock = clock;
    this.#link = init.link;
    this.counts = new Counters(init.counters);
    this.status = new StatusCell<Detail>(init.deviceId, manifest.family, init.detail, () => clock.now());
    this.status.subscribe((s) => {
      if (s.lastError && s.lastError !== this.#lastError) this.#remember(s.lastError);
      this.#lastError = s.lastError;
      (this.events as unknown as Emitter<DeviceEvents<Detail>>).emit('status', s);
    });
  }

  /** Opens the link (kept open with backoff where the family has one) and starts what runs by itself. */
  abstract start(): void;
  /** Stops everything `start` began and releases the link's users; resolves when it is all ended. */
  abstract stop(): Promise<void>;

  counters(): Readonly<Record<Counter, number>> {
    return this.counts.snapshot();
  }

  /** What the device says about itself (overridden by families whose protocol gives more). */
  protected identity(): DeviceDiagnostics['identity'] {
    return {};
  }

  /** A snapshot for the technician and the diagnostic bundle: no personal data, whatever the detail holds. */
  diagnostics(): DeviceDiagnostics {
    const s = this.status.current;
    return redact({
      family: this.manifest.family,
      deviceId: this.deviceId,
      link: this.#link(),
      health: s.health,
      detail: s.detail,
      changedAt: s.changedAt,
      counters: this.counts.snapshot(),
      recentErrors: [...this.#recent],
      identity: this.identity(),
    });
  }

  /** Reports a failure nobody awaits: logged, kept for diagnostics, emitted as `error`. */
  protected reportError(error: DeviceError): void {
    const at = this.clock.now();
    this.#remember(
      { code: error.code, ...(error.detail ? { detail: error.detail } : {}), at },
      error.where.command,
    );
    (this.events as unknown as Emitter<DeviceEvents<Detail>>).emit('error', { error, at });
  }

  #remember(e: { code: string; detail?: string; at: number }, command?: string): void {
    const last = this.#recent.at(-1);
    if (last && last.at === e.at && last.code === e.code && last.detail === e.detail) return;
    this.#recent.push({ ...e, ...(command ? { command } : {}) });
    if (this.#recent.length > RECENT_ERRORS) this.#recent.shift();
  }
}

/** Keys whose values are personal and masked by kind (anything else: every string through maskText). */
const MASK_BY_KEY: Record<string, (v: string) => string> = {
  name: maskName,
  nameEn: maskName,
  holder: maskName,
  idNumber: maskIdNumber,
  passNumber: maskIdNumber,
  pan: maskPan,
};
/** Keys never shown at all: photos, addresses, raw card data. */
const DROPPED_KEYS = new Set(['photoWlt', 'photo', 'fingerprint', 'address', 'extraAddress', 'track2']);

/**
 * A deep copy with personal data masked by the one masking module (domain/identity): known personal
 * keys by their kind, photos and addresses dropped, and every other string through maskText (ID,
 * card and phone numbers in free text).
 */
export function redact<T>(value: T): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return key && MASK_BY_KEY[key] ? MASK_BY_KEY[key](v) : maskText(v);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v instanceof Uint8Array) return `<${v.length} bytes>`;
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!DROPPED_KEYS.has(k)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
