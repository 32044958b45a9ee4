// The e-licence registry is an interface: a provincial platform client replaces the sample registry,
// 秒批 asks it, and when it is down the kiosk is told so and filings still land (for staff review).
import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Elicence, ElicenceProvider } from '../../../backoffice/index';
import {
  ADULT_ID,
  BACKENDS,
  BackendHarness,
  registerKiosk,
  soleProprietorBody,
} from '../../helpers/backoffice-server';

/** A stand-in provincial platform on loopback: GET /licences?holder=<id> → JSON list; 503 when "down". */
let platform: Server;
let platformUrl = '';
let platformDown = false;
const held: Record<string, Elicence[]> = {
  [ADULT_ID]: [
    {
      licenceType: '个体工商户营业执照',
      number: '92110105MA02XYZW3K',
      issuer: '北京市东城区市场监督管理局',
      validTo: '长期',
      holderName: '张晓明',
    },
  ],
};

/** How a hall plugs its platform in: any object with `lookup(idNumber)`. */
class PlatformClient implements ElicenceProvider {
  constructor(private readonly base: string) {}
  async lookup(idNumber: string): Promise<Elicence[]> {
    const res = await fetch(`${this.base}/licences?holder=${idNumber}`, {
      signal: AbortSignal.timeout(2000),
    });
    if (!res.ok) throw new Error(`platform answered ${res.status}`);
    return ((await res.json()) as { licences: Elicence[] }).licences;
  }
}

beforeAll(async () => {
  platform = createServer((req, res) => {
    const holder = new URL(req.url ?? '/', 'http://x').searchParams.get('holder') ?? '';
    if (platformDown) {
      res.writeHead(503).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ licences: held[holder] ?? [] }));
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  const addr = platform.address();
  platformUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(() => new Promise<void>((r) => platform.close(() => r())));

describe.each(BACKENDS)('e-licence platform behind the interface on %s', (backend) => {
  const harness = new BackendHarness(backend);
  let app: FastifyInstance;
  let kiosk: Record<string, string>;
  let seq = 0;

  beforeAll(async () => {
    ({ app } = await harness.start({ config: { elicences: new PlatformClient(platformUrl) } }));
    kiosk = await registerKiosk(app);
  });
  afterAll(() => harness.stop());

  const submit = () =>
    app.inject({
      method: 'POST',
      url: '/api/v1/filings',
      headers: { ...kiosk, 'idempotency-key': `elicence-${backend}-${++seq}` },
      payload: soleProprietorBody(),
    });

  it('answers lookups and decides 秒批 from the platform, not the sample registry', async () => {
    platformDown = false;
    const r = await app.inject({
      method: 'GET',
      url: `/api/v1/elicences?idNumber=${ADULT_ID}`,
      headers: kiosk,
    });
    expect(r.json()).toEqual({ items: held[ADULT_ID] });
    // The platform says this person already holds a sole-proprietor licence: no instant approval.
    expect((await submit()).json()).toMatchObject({ status: 'submitted' });
  });

  it('tells the kiosk the platform is down, and still takes the filing for staff review', async () => {
    platformDown = true;
    const r = await app.inject({
      method: 'GET',
      url: `/api/v1/elicences?idNumber=${ADULT_ID}`,
      headers: kiosk,
    });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ error: { code: 'elicenceUnavailable' } });
    const filed = await submit();
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ status: 'submitted' });
    expect(filed.json()).not.toHaveProperty('instantResult');
  });
});
