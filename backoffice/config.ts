import type { ElicenceProvider } from './domain/elicence';
import { DEFAULT_QUEUE_THEMES } from './domain/queue';
import type { CitizenDataSpec } from './providers';
import type { CitizenDataProvider } from './providers/provider';
import type { RatingEndpoint, RatingEndpointSpec } from './providers/rating-endpoint';
import type { ForwarderPolicy } from './services/rating-forwarder';

export type StaffRole = 'clerk' | 'supervisor' | 'technician';

export interface StaffSeed {
  username: string;
  password: string;
  role: StaffRole;
  displayName: string;
}

export interface BackofficeConfig {
  /** Key for HMACs: ID-number match hashes, pickup-code hashes, QR payload MACs. Keep it secret and stable. */
  secret: string;
  /** Site enrollment token a kiosk presents once to register (X-Enrollment-Token). */
  enrollmentToken: string;
  heartbeatIntervalMs?: number;
  maxMaterialBytes?: number;
  maxFilingBytes?: number;
  pickup?: Partial<PickupPolicy>;
  staffSessionTtlMs?: number;
  /** Inserted when missing (existing users are never overwritten). */
  staffUsers?: readonly StaffSeed[];
  elicences?: ElicenceProvider;
  /**
   * Records the hall does not own: a provider object, `{"http": {baseUrl, token?, timeoutMs?}}` for
   * a city's systems, or `{"simulated": {"down"?: true}}` (the default: deterministic sample records).
   */
  citizenData?: CitizenDataProvider | CitizenDataSpec;
  /**
   * Where 好差评 ratings are forwarded (the province's evaluation system): an endpoint object,
   * `{"http": {url, token?, timeoutMs?}}`, or `{"simulated": {}}` (the default, kept in memory);
   * with the retry policy. `enabled: false` stores ratings without forwarding them.
   */
  ratingForwarding?: Partial<ForwarderPolicy> & {
    endpoint?: RatingEndpoint | RatingEndpointSpec;
    enabled?: boolean;
  };
  /** https page printed (with the verification code) on generated result documents. */
  verifyUrl?: string;
  /** Site part of the kiosks' remote configuration, seeded at first start. */
  site?: Record<string, unknown>;
  /**
   * JSON-line logs (one line per request, errors, lifecycle) with ID numbers, names and pickup
   * codes masked. `true` writes to stdout at level info; off by default for embedded use and tests.
   */
  logger?: boolean | LogOptions;
  /**
   * Behind the hall's reverse proxy (TLS terminates there): trust its X-Forwarded-For for the
   * client's address, which login guess limits count per source. fastify's `trustProxy` (true, a
   * comma-separated list or an array of the proxy's addresses). Default false: the peer address.
   */
  trustProxy?: boolean | string | string[];
  /** Check every JSON answer against its documented schema (tests; costs time in production). */
  validateResponses?: boolean;
}

export interface LogOptions {
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  /** Where lines go (default stdout); each line is masked before it is written. */
  destination?: { write(line: string): unknown };
}

/** Pickup codes, and the guess limits every secret shares (pickup codes, ID-card pickups, passwords). */
export interface PickupPolicy {
  codeDigits: number;
  ttlMs: number;
  /** Failures per window for one target from one source (a kiosk's codes, a user from one address, a person's ID card). */
  maxFailures: number;
  /** Failures per window from one source across its targets (ID-card pickups at a kiosk, logins from an address). */
  maxFailuresPerSource: number;
  /** Failures per window against one staff account from every address: distributed guessing locks it for all. */
  maxFailuresPerAccount: number;
  windowMs: number;
  lockoutMs: number;
}

/** Development users, documented in backoffice/README.md. Production passes `staffUsers`. */
export const DEV_STAFF: readonly StaffSeed[] = [
  { username: 'clerk', password: 'clerk-dev-2026', role: 'clerk', displayName: '窗口受理员' },
  { username: 'supervisor', password: 'supervisor-dev-2026', role: 'supervisor', displayName: '审批科长' },
  { username: 'technician', password: 'technician-dev-2026', role: 'technician', displayName: '运维工程师' },
];

export interface ResolvedConfig extends Required<
  Omit<
    BackofficeConfig,
    'pickup' | 'elicences' | 'citizenData' | 'ratingForwarding' | 'site' | 'logger' | 'trustProxy'
  >
> {
  pickup: PickupPolicy;
  site: Record<string, unknown>;
  trustProxy: boolean | string | string[];
  logger: LogOptions | false;
}

export function resolveConfig(c: BackofficeConfig): ResolvedConfig {
  if (c.secret.length < 16) throw new Error('backoffice config.secret must be at least 16 characters');
  return {
    secret: c.secret,
    enrollmentToken: c.enrollmentToken,
    heartbeatIntervalMs: c.heartbeatIntervalMs ?? 30_000,
    maxMaterialBytes: c.maxMaterialBytes ?? 10 * 1024 * 1024,
    maxFilingBytes: c.maxFilingBytes ?? 40 * 1024 * 1024,
    pickup: {
      codeDigits: 8,
      ttlMs: 7 * 24 * 3600_000,
      maxFailures: 5,
      maxFailuresPerSource: 20,
      maxFailuresPerAccount: 50,
      windowMs: 15 * 60_000,
      lockoutMs: 15 * 60_000,
      ...c.pickup,
    },
    staffSessionTtlMs: c.staffSessionTtlMs ?? 10 * 3600_000,
    staffUsers: c.staffUsers ?? DEV_STAFF,
    verifyUrl: c.verifyUrl ?? 'https://zwfw.example.gov.cn/verify',
    site: c.site ?? {
      hallName: '政务服务中心24小时自助服务厅',
      heartbeatIntervalMs: c.heartbeatIntervalMs ?? 30_000,
      queueThemes: DEFAULT_QUEUE_THEMES,
    },
    logger: c.logger === true ? {} : (c.logger ?? false),
    validateResponses: c.validateResponses ?? false,
    trustProxy: c.trustProxy ?? false,
  };
}
