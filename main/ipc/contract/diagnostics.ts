// The technician's diagnostics mode (issue #11): entry, PIN, vendor-mode state, devices, self-tests,
// boot self-check, supplies, site configuration, logs, protocol traces and the diagnostic bundle.
// Schemas only; the host serves them (main/diagnostics). Nothing here carries a citizen's data: device
// snapshots, logs and traces are masked by domain/identity before they leave the host.
//
// Every `diag:*` call except `diag:state`, `diag:request`, `diag:pin` and `diag:cancel` answers
// `forbidden` unless a technician is in (phase `active`) on this screen.
import { z } from 'zod';
import { DeviceRole } from '../../../domain/catalogue/vocabulary';
import { boundedJsonObject } from '../../../domain/json';
import { LocalText } from '../../../domain/text';
import { DeviceCondition, Health } from './health';

const none = z.object({}).strict();
const deviceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/);

// ---------------------------------------------------------------------------------------------
// Entering and leaving

/** How a technician asked to come in: the hidden gesture, a technician card, `yizhan diag`. */
export const DiagTrigger = z.enum(['gesture', 'card', 'cli']);
export type DiagTrigger = z.infer<typeof DiagTrigger>;

/** The technician as the site's technician list names them (not personal data of a citizen). */
export const Technician = z.object({ id: z.string(), name: z.string() });
export type Technician = z.infer<typeof Technician>;

/** Where the technician works: this touch screen, or `yizhan diag` (the screen then shows 暂停服务). */
export const DiagConsole = z.enum(['screen', 'cli']);

/**
 * Vendor mode (XFS): `off` normal service; `pin` a PIN is asked (after a gesture or a technician
 * card); `locked` too many wrong PINs, no entry until `until`; `waiting` the technician is
 * authenticated and the current citizen session is let finish (or time out), no new session starts;
 * `active` the technician is in. `outOfService`: the public sees 暂停服务 (waiting once the session
 * ended, active always) — the page shows it unless `console` is this screen.
 */
export const DiagMode = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('off'), outOfService: z.literal(false) }),
  z.object({
    phase: z.literal('pin'),
    outOfService: z.literal(false),
    trigger: DiagTrigger,
    /** Known when a technician card was read: the PIN pad then asks only the PIN. */
    technician: Technician.optional(),
    attemptsLeft: z.number().int().nonnegative(),
    /** The PIN pad closes by itself at this time (epoch ms). */
    expiresAt: z.number(),
  }),
  z.object({ phase: z.literal('locked'), outOfService: z.literal(false), until: z.number() }),
  z.object({
    phase: z.literal('waiting'),
    outOfService: z.boolean(),
    technician: Technician,
    console: DiagConsole,
    since: z.number(),
    /** When the citizen's session will have timed out at the latest (epoch ms), if one runs. */
    sessionEndsBy: z.number().optional(),
  }),
  z.object({
    phase: z.literal('active'),
    outOfService: z.literal(true),
    technician: Technician,
    console: DiagConsole,
    since: z.number(),
    /** Left idle, the mode ends by itself at this time (epoch ms); every call extends it. */
    idleEndsAt: z.number(),
  }),
]);
export type DiagMode = z.infer<typeof DiagMode>;

export const DiagRequestInput = z.object({ trigger: z.literal('gesture') }).strict();

/** A PIN: digits only. `technicianId` is needed after a gesture (the card names the technician). */
export const PinAttempt = z
  .object({
    technicianId: z
      .string()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
    pin: z.string().regex(/^\d{4,12}$/),
  })
  .strict();
export type PinAttempt = z.infer<typeof PinAttempt>;

/**
 * `accepted`: the mode goes to `waiting` or `active` (see `mode`); `wrong`: try again while
 * `attemptsLeft` > 0; `locked`: no entry until `until`; `unknownTechnician` counts as a wrong PIN.
 */
export const PinResult = z.object({
  outcome: z.enum(['accepted', 'wrong', 'locked']),
  attemptsLeft: z.number().int().nonnegative(),
  until: z.number().optional(),
  mode: DiagMode,
});
export type PinResult = z.infer<typeof PinResult>;

// ---------------------------------------------------------------------------------------------
// Devices and self-tests

export const SelfTestInfoDto = z.object({
  id: z.string(),
  /** i18n key of the title (diag.test.*). */
  title: z.string(),
  /** `action` moves something (prints, opens a door); `check` only asks. */
  kind: z.enum(['check', 'action']),
});
export type SelfTestInfoDto = z.infer<typeof SelfTestInfoDto>;

const RecentError = z.object({
  code: z.string(),
  detail: z.string().optional(),
  command: z.string().optional(),
  at: z.number(),
});

export const DiagDevice = z.object({
  deviceId: z.string(),
  family: z.string(),
  roles: z.array(DeviceRole),
  /** `serial`, `pcsc`, `hid`, `spooler`, `camera` or `simulated`, and how it is reached (serial:/dev/ttyUSB0@115200). */
  transport: z.object({ kind: z.string(), link: z.string() }),
  health: Health,
  condition: DeviceCondition,
  changedAt: z.number(),
  /** What the protocol says about the device (model, firmware, SAM ID …); null where it cannot tell. */
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  identity: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  counters: z.record(z.string(), z.number()),
  /** Newest last; codes a technician can look up, never a message with personal data. */
  recentErrors: z.array(RecentError),
  selfTests: z.array(SelfTestInfoDto),
  simulated: z.boolean(),
  /** The raw protocol trace runs until then (epoch ms). */
  traceUntil: z.number().optional(),
});
export type DiagDevice = z.infer<typeof DiagDevice>;

export const RunSelfTestsInput = z
  .object({
    deviceId,
    /** The tests to run, in the device's order; all of them when absent. */
    tests: z.array(z.string().min(1).max(64)).min(1).max(20).optional(),
    /** The locker door the door test opens. */
    board: z.number().int().min(0).max(255).optional(),
    door: z.number().int().min(1).max(255).optional(),
  })
  .strict();
export type RunSelfTestsInput = z.infer<typeof RunSelfTestsInput>;

export const SelfTestResultDto = SelfTestInfoDto.extend({
  outcome: z.enum(['pass', 'warn', 'fail']),
  /** i18n key saying what to fix (diag.*), for warn and fail. */
  key: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  ms: z.number(),
});
export type SelfTestResultDto = z.infer<typeof SelfTestResultDto>;

export const SelfTestRun = z.object({
  deviceId: z.string(),
  results: z.array(SelfTestResultDto),
  startedAt: z.number(),
  finishedAt: z.number(),
});
export type SelfTestRun = z.infer<typeof SelfTestRun>;

/** What a running self-test asks of the technician (place a test card, take the slip, close the door …). */
export const OperatorPrompt = z.object({
  deviceId: z.string(),
  testId: z.string(),
  request: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('placeIdCard') }),
    z.object({ kind: z.literal('removeIdCard') }),
    z.object({ kind: z.literal('insertCard'), card: z.enum(['socialSecurity', 'bank']) }),
    z.object({ kind: z.literal('removeCard') }),
    z.object({ kind: z.literal('takeReceipt') }),
    z.object({ kind: z.literal('closeDoor'), board: z.number(), door: z.number() }),
    z.object({ kind: z.literal('presentCode'), text: z.string() }),
  ]),
  /** The test waits for the device to see it done until then (epoch ms). */
  until: z.number(),
});
export type OperatorPrompt = z.infer<typeof OperatorPrompt>;

// ---------------------------------------------------------------------------------------------
// Boot self-check and degraded service

export const BackofficeCheck = z.object({
  /** `embedded`: the kiosk runs its own; `none`: no back office configured (nothing files). */
  kind: z.enum(['remote', 'embedded', 'none']),
  reachable: z.boolean(),
  latencyMs: z.number().optional(),
  /** A failure code (network, timeout, rejected …) when not reachable. */
  problem: z.string().optional(),
});

export const ServiceOffer = z.object({
  serviceId: z.string(),
  title: LocalText,
  available: z.boolean(),
  /** The roles it lacks (one rule: domain/catalogue `availability`). */
  missing: z.array(z.string()),
});

export const HealthReport = z.object({
  /** When the check ran (epoch ms); `boot` for the start-up check, `recheck` on demand, `live` after a change. */
  at: z.number(),
  reason: z.enum(['boot', 'recheck', 'live']),
  devices: z.array(
    z.object({
      deviceId: z.string(),
      family: z.string(),
      roles: z.array(z.string()),
      usable: z.boolean(),
      health: Health,
      condition: DeviceCondition,
      problem: z.string().optional(),
    }),
  ),
  backoffice: BackofficeCheck,
  services: z.array(ServiceOffer),
  /** The status slip on the receipt printer. */
  slip: z.enum(['printed', 'noPrinter', 'failed', 'notRequested']),
  /** `ok` every device usable and the back office reachable; `degraded` some services not offered; `down` none. */
  verdict: z.enum(['ok', 'degraded', 'down']),
});
export type HealthReport = z.infer<typeof HealthReport>;

// ---------------------------------------------------------------------------------------------
// Supplies

export const Supply = z.object({
  deviceId: z.string(),
  kind: z.enum(['receiptPaper', 'a4Paper']),
  /** From the printer's own sensors: `low` 纸将尽, `out` 缺纸. */
  state: z.enum(['ok', 'low', 'out', 'unknown']),
  /** Printed since paper was last declared replenished (slips or pages). */
  sinceReplenished: z.number().int().nonnegative(),
  lastReplenishedAt: z.number().optional(),
  lastRollChangeAt: z.number().optional(),
  rollChanges: z.number().int().nonnegative(),
});
export type Supply = z.infer<typeof Supply>;

export const SupplyAction = z.object({ deviceId, action: z.enum(['replenished', 'rollChanged']) }).strict();

// ---------------------------------------------------------------------------------------------
// Site configuration

/** A site configuration as JSON (main/config HostConfig); secrets come back as `"<redacted>"`. */
export const SiteConfigJson = boundedJsonObject({ maxDepth: 12, maxSize: 200_000 });

export const ConfigIssue = z.object({ path: z.string(), message: z.string() });

export const ConfigView = z.object({
  config: z.record(z.string(), z.unknown()),
  /** sha256 of the applied configuration: an apply names the revision it edits. */
  revision: z.string(),
  /** The file it lives in, or `simulated` for the built-in simulated site. */
  source: z.string(),
  /** One step back is possible (the previous configuration is kept). */
  previous: z.object({ revision: z.string(), savedAt: z.number() }).optional(),
});
export type ConfigView = z.infer<typeof ConfigView>;

export const ConfigValidation = z.object({ valid: z.boolean(), issues: z.array(ConfigIssue) });

export const ConfigApplyInput = z.object({ config: SiteConfigJson, baseRevision: z.string() }).strict();

export const ConfigApplied = z.object({
  /** false: nothing changed (invalid, or `baseRevision` is stale: `issues` says which). */
  applied: z.boolean(),
  issues: z.array(ConfigIssue),
  view: ConfigView,
  /** The devices restarted to take the change (the kiosk itself kept running). */
  restarted: z.array(z.string()),
});
export type ConfigApplied = z.infer<typeof ConfigApplied>;

// ---------------------------------------------------------------------------------------------
// Logs and protocol traces

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);

export const LogQuery = z
  .object({
    levels: z.array(LogLevel).max(4).optional(),
    /** The event name starts with this (e.g. `device.`). */
    event: z.string().max(64).optional(),
    component: z.string().max(64).optional(),
    deviceId: deviceId.optional(),
    /** Free text anywhere in the line (masked text: search for what the screen shows). */
    text: z.string().max(100).optional(),
    since: z.number().optional(),
    until: z.number().optional(),
    /** From `nextCursor` of the previous page (older lines). */
    cursor: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type LogQuery = z.input<typeof LogQuery>;

export const LogEntry = z.object({
  seq: z.number(),
  at: z.number(),
  level: LogLevel,
  event: z.string(),
  component: z.string().optional(),
  deviceId: z.string().optional(),
  fields: z.record(z.string(), z.unknown()),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const LogPage = z.object({ entries: z.array(LogEntry), nextCursor: z.string().optional() });
export type LogPage = z.infer<typeof LogPage>;

export const TraceSwitch = z
  .object({ deviceId, on: z.boolean(), minutes: z.number().int().min(1).max(60).default(10) })
  .strict();

export const TraceState = z.object({ deviceId: z.string(), on: z.boolean(), until: z.number().optional() });

export const TraceRead = z
  .object({
    deviceId,
    after: z.number().int().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const TraceLine = z.object({
  seq: z.number(),
  at: z.number(),
  /** `tx` host → device, `rx` device → host. */
  dir: z.enum(['tx', 'rx']),
  /** Space-separated hex bytes (personal payloads replaced by their length). */
  hex: z.string(),
  /** The decoded meaning beside it (e.g. `DLE EOT 1: printer status`, `SAM_V read ok`). */
  meaning: z.string(),
});
export type TraceLine = z.infer<typeof TraceLine>;

export const TracePage = z.object({
  deviceId: z.string(),
  lines: z.array(TraceLine),
  state: TraceState,
});
export type TracePage = z.infer<typeof TracePage>;

// ---------------------------------------------------------------------------------------------
// Diagnostic bundle

export const ExportTarget = z.object({ path: z.string(), label: z.string(), freeBytes: z.number() });

export const BundleExportInput = z
  .object({
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('usb'), path: z.string().min(1).max(4096) }).strict(),
      z.object({ kind: z.literal('backoffice') }).strict(),
    ]),
  })
  .strict();

export const BundleExported = z.object({
  fileName: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  /** Where it was written (usb) or the back office's reference (backoffice). */
  path: z.string().optional(),
  reference: z.string().optional(),
  contents: z.array(z.string()),
});
export type BundleExported = z.infer<typeof BundleExported>;

// ---------------------------------------------------------------------------------------------
// Channels (joined into the map in channels.ts)

export const diagnosticsChannels = {
  invoke: {
    /** The current mode (the page asks at load; `diag:mode` follows every change). */
    'diag:state': { input: none, output: DiagMode },
    /** The hidden gesture on the attract screen: opens the PIN pad (a technician card does so in the host). */
    'diag:request': { input: DiagRequestInput, output: DiagMode },
    'diag:pin': { input: PinAttempt, output: PinResult },
    /** Abandons a PIN pad or a pending entry (waiting). */
    'diag:cancel': { input: none, output: DiagMode },
    /** The technician leaves: service resumes (audited). */
    'diag:exit': { input: none, output: DiagMode },
    'diag:devices': { input: none, output: z.array(DiagDevice) },
    /** Runs self-tests through the real driver; each result also comes as `diag:selfTest`. */
    'diag:runSelfTests': { input: RunSelfTestsInput, output: SelfTestRun },
    /** The last health report (the boot self-check until something changes). */
    'diag:health': { input: none, output: HealthReport },
    /** Checks every device and the back office again now; prints the status slip if asked. */
    'diag:recheck': {
      input: z.object({ printSlip: z.boolean().default(false) }).strict(),
      output: HealthReport,
    },
    'diag:supplies': { input: none, output: z.array(Supply) },
    'diag:supply': { input: SupplyAction, output: z.array(Supply) },
    'diag:config': { input: none, output: ConfigView },
    'diag:validateConfig': { input: z.object({ config: SiteConfigJson }).strict(), output: ConfigValidation },
    /** Validated, then applied by restarting the device host's affected devices (not the kiosk). */
    'diag:applyConfig': { input: ConfigApplyInput, output: ConfigApplied },
    /** Back to the previous configuration in one step. */
    'diag:rollbackConfig': { input: none, output: ConfigApplied },
    'diag:logs': { input: LogQuery, output: LogPage },
    'diag:trace': { input: TraceSwitch, output: TraceState },
    'diag:readTrace': { input: TraceRead, output: TracePage },
    /** Mounted removable media a bundle can be written to. */
    'diag:exportTargets': { input: none, output: z.array(ExportTarget) },
    'diag:exportBundle': { input: BundleExportInput, output: BundleExported },
  },
  events: {
    /** Every change of the mode (the public page switches to 暂停服务 on `outOfService`). */
    'diag:mode': DiagMode,
    /** Each self-test result as it comes. */
    'diag:selfTest': z.object({ deviceId: z.string(), result: SelfTestResultDto }),
    /** A running self-test asks the technician to do something at the device. */
    'diag:operator': OperatorPrompt,
    /** A new health report (boot, recheck, or a change of what can be offered). */
    'diag:health': HealthReport,
  },
} as const;
