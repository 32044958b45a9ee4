import type { FastifyInstance } from 'fastify';
import {
  createBackoffice,
  openDatabase,
  type BackofficeConfig,
  type BackofficeOptions,
  type Clock,
  type Database,
} from '../../backoffice/index';
import { startPostgres, type PgCluster } from './postgres';

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['sqlite', 'postgres'];

export const TEST_ENROLLMENT = 'enroll-test-token';
export const TEST_SECRET = 'test-secret-0123456789abcdef';

/** A settable clock so tests move time (pickup expiry, presence, lockout windows) deterministically. */
export class TestClock implements Clock {
  constructor(public t = Date.parse('2026-11-23T02:00:00Z')) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** One storage backend for a test file: SQLite in a temp file or a private PostgreSQL cluster. */
export class BackendHarness {
  private cluster: PgCluster | undefined;
  private readonly opened: { app: FastifyInstance; db: Database }[] = [];
  constructor(readonly backend: Backend) {}

  async databaseSpec(): Promise<string> {
    if (this.backend === 'sqlite') return 'sqlite::memory:';
    this.cluster ??= await startPostgres();
    return this.cluster.createDatabase();
  }

  async start(
    opts: {
      spec?: string;
      clock?: Clock;
      config?: Partial<BackofficeConfig>;
      renderer?: BackofficeOptions['renderer'];
    } = {},
  ): Promise<{ app: FastifyInstance; db: Database; clock: Clock; spec: string }> {
    const spec = opts.spec ?? (await this.databaseSpec());
    const db = await openDatabase(spec);
    const clock = opts.clock ?? new TestClock();
    const app = await createBackoffice({
      db,
      clock,
      ...(opts.renderer ? { renderer: opts.renderer } : {}),
      config: {
        secret: TEST_SECRET,
        enrollmentToken: TEST_ENROLLMENT,
        validateResponses: true,
        ...opts.config,
      },
    });
    this.opened.push({ app, db });
    return { app, db, clock, spec };
  }

  async stop(): Promise<void> {
    for (const { app, db } of this.opened.splice(0)) {
      await app.close();
      await db.close();
    }
    await this.cluster?.stop();
    this.cluster = undefined;
  }
}

export async function registerKiosk(
  app: FastifyInstance,
  kioskId = 'kiosk-01',
): Promise<Record<string, string>> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/kiosks/register',
    headers: { 'x-enrollment-token': TEST_ENROLLMENT },
    payload: { kioskId, name: `自助终端 ${kioskId}`, site: '东城区政务服务中心' },
  });
  if (r.statusCode !== 201) throw new Error(`register failed: ${r.statusCode} ${r.body}`);
  return { authorization: `Bearer ${r.json<{ credential: string }>().credential}` };
}

export const DEV_PASSWORDS = {
  clerk: 'clerk-dev-2026',
  supervisor: 'supervisor-dev-2026',
  technician: 'technician-dev-2026',
} as const;

export async function loginStaff(
  app: FastifyInstance,
  username: keyof typeof DEV_PASSWORDS,
): Promise<Record<string, string>> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/staff/login',
    payload: { username, password: DEV_PASSWORDS[username] },
  });
  if (r.statusCode !== 200) throw new Error(`login failed: ${r.statusCode} ${r.body}`);
  return { authorization: `Bearer ${r.json<{ token: string }>().token}` };
}

/** Synthetic applicants (valid check digits). */
export const ADULT_ID = '110105200001011238';
export const MINOR_ID = '320102201506072815';
export const LICENSED_ID = '110101198501012311';

export function soleProprietorBody(
  overrides: { idNumber?: string; scope?: string[]; kioskId?: string } = {},
) {
  return {
    serviceId: 'sole-proprietor-registration',
    kioskId: overrides.kioskId ?? 'kiosk-01',
    applicant: { idNumber: overrides.idNumber ?? ADULT_ID, name: '张晓明', phone: '13800138000' },
    form: {
      businessName: '东城区晓明打字复印店',
      ownerType: 'naturalPerson',
      businessScope: overrides.scope ?? ['打字复印', '文具用品零售'],
      address: '北京市东城区东四北大街100号',
    },
    delivery: { method: 'print' },
  };
}

export function genericBody(idNumber = ADULT_ID, kioskId = 'kiosk-01') {
  return {
    serviceId: 'generic-application',
    kioskId,
    applicant: { idNumber, name: '李华' },
    form: { subject: '申请开具无犯罪记录证明', purpose: '就业' },
    delivery: { method: 'locker' },
  };
}
