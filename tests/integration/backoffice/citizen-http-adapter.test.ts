// The HTTP adapter for a city's systems against a small local server that speaks the documented
// shape (backoffice/README.md, "Citizen data providers"): what it sends, what it accepts, and that
// every failure (status, invalid body, silence, refused connection) reaches kiosks as a clean 503.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppointmentRefused,
  CodeRefused,
  HttpCitizenData,
  ProviderUnavailable,
} from '../../../backoffice/providers';
import { ADULT_ID, BackendHarness, TestClock, registerKiosk } from '../../helpers/backoffice-server';
import { startJsonReceiver, type Answer, type JsonReceiver } from '../../helpers/json-receiver';

const TOKEN = 'city-data-token-0001';
const P = { idNumber: ADULT_ID, name: '张晓明' };

/** What the city's system answers next, per path; `silent` never answers (the adapter must time out). */
let script: Record<string, Answer> = {};
let city: JsonReceiver;
let base = '';
const seen = () => city.received;

const month = (m: string, insurance: string) => ({
  month: m,
  insurance,
  unitName: '北京博创信息技术有限公司',
  baseFen: 1_000_000,
  unitFen: 160_000,
  personalFen: 80_000,
  paid: true,
});

beforeAll(async () => {
  city = await startJsonReceiver((r) => script[r.url] ?? { status: 500 });
  base = `${city.origin}/city/v1`;
});
afterAll(() => city.close());

describe('HttpCitizenData', () => {
  const adapter = () => new HttpCitizenData({ baseUrl: `${base}/`, token: TOKEN, timeoutMs: 300 });

  it('POSTs JSON with the person in the body (never the URL) and the bearer token, and returns valid records', async () => {
    seen().length = 0;
    script = {
      '/city/v1/social-insurance/records': {
        status: 200,
        body: { status: 'active', firstMonth: '2020-01', months: [month('2026-10', 'pension')] },
      },
      '/city/v1/medical-insurance/account': { status: 200, body: { account: null } },
      '/city/v1/housing-fund/account': { status: 200, body: { account: null, deposits: [] } },
      '/city/v1/real-estate/registrations': { status: 200, body: { registrations: [] } },
      '/city/v1/appointments/search': {
        status: 200,
        body: {
          appointments: [
            {
              appointmentId: 'A-1',
              serviceName: '公积金提取',
              theme: 'housing-fund',
              date: '2026-11-23',
              slotStart: '09:00',
              slotEnd: '09:30',
              status: 'booked',
            },
          ],
        },
      },
    };
    const a = adapter();
    expect((await a.socialInsurance(P, { from: '2026-10', to: '2026-10' })).months).toHaveLength(1);
    expect(await a.medicalAccount(P)).toBeNull();
    expect(await a.housingFund(P, 6)).toEqual({ account: null, deposits: [] });
    expect(await a.realEstate(P)).toEqual([]);
    expect((await a.appointments(P, '2026-11-23'))[0]?.appointmentId).toBe('A-1');
    expect(seen().map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /city/v1/social-insurance/records',
      'POST /city/v1/medical-insurance/account',
      'POST /city/v1/housing-fund/account',
      'POST /city/v1/real-estate/registrations',
      'POST /city/v1/appointments/search',
    ]);
    for (const s of seen()) {
      expect(s.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(s.headers['content-type']).toBe('application/json');
      expect(s.body).toMatchObject(P);
      expect(s.url).not.toContain(ADULT_ID);
    }
    expect(seen()[0]?.body).toEqual({ ...P, from: '2026-10', to: '2026-10' });
    expect(seen()[2]?.body).toEqual({ ...P, months: 6 });
    expect(seen()[4]?.body).toEqual({ ...P, date: '2026-11-23' });
  });

  it('turns an error status, an invalid body, silence and a refused connection into ProviderUnavailable', async () => {
    const path = '/city/v1/medical-insurance/account';
    const cases: [(typeof script)[string], RegExp][] = [
      [{ status: 502, body: {} }, /answered 502/],
      [{ status: 200, body: { account: { balanceFen: -5 } } }, /invalid body/],
      [{ status: 200, raw: '<html>maintenance</html>' }, /invalid body/],
      ['silent', /timed out after 300 ms/],
    ];
    for (const [answer, reason] of cases) {
      script = { [path]: answer };
      const err = await adapter()
        .medicalAccount(P)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderUnavailable);
      expect((err as ProviderUnavailable).reason).toMatch(reason);
      expect((err as ProviderUnavailable).reason).not.toContain(ADULT_ID);
    }
    const closed = new HttpCitizenData({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    expect(await closed.realEstate(P).catch((e: unknown) => (e as ProviderUnavailable).reason)).toMatch(
      /unreachable/,
    );
  });

  it('reports check-ins and understands the system’s refusals', async () => {
    const a = adapter();
    const at = (id: string) => `/city/v1/appointments/${id}/check-in`;
    script = {
      [at('A-1')]: { status: 200, body: {} },
      [at('A-2')]: { status: 409, body: { code: 'alreadyCheckedIn' } },
      [at('A-3')]: { status: 404, body: { code: 'notFound' } },
      [at('A-4')]: { status: 409, body: { code: 'cancelled' } },
      [at('A-5')]: { status: 409, body: { nonsense: true } },
    };
    await a.checkIn('A-1', P);
    expect(seen().at(-1)).toMatchObject({ method: 'POST', body: P });
    await expect(a.checkIn('A-2', P)).rejects.toEqual(new AppointmentRefused('alreadyCheckedIn'));
    await expect(a.checkIn('A-3', P)).rejects.toEqual(new AppointmentRefused('notFound'));
    await expect(a.checkIn('A-4', P)).rejects.toEqual(new AppointmentRefused('cancelled'));
    await expect(a.checkIn('A-5', P)).rejects.toBeInstanceOf(ProviderUnavailable);
  });

  it('resolves a 一码办 code with the code in the body, and understands expired and unknown', async () => {
    const a = adapter();
    const url = '/city/v1/yimaban/resolve';
    const code = 'YMB1city-code-000000000001';
    script = { [url]: { status: 200, body: { idNumber: P.idNumber.toLowerCase(), name: P.name } } };
    expect(await a.resolveCode(code)).toEqual(P);
    expect(seen().at(-1)).toMatchObject({ method: 'POST', url, body: { code } });
    script = { [url]: { status: 410, body: { code: 'expired' } } };
    await expect(a.resolveCode(code)).rejects.toEqual(new CodeRefused('expired'));
    script = { [url]: { status: 404, body: { code: 'unknown' } } };
    await expect(a.resolveCode(code)).rejects.toEqual(new CodeRefused('unknown'));
    script = { [url]: { status: 200, body: { idNumber: '12345', name: P.name } } };
    await expect(a.resolveCode(code)).rejects.toBeInstanceOf(ProviderUnavailable);
    script = { [url]: { status: 500 } };
    await expect(a.resolveCode(code)).rejects.toBeInstanceOf(ProviderUnavailable);
  });
});

describe('the back office on the HTTP adapter (configured as JSON, as --config gives it)', () => {
  const harness = new BackendHarness('sqlite');
  let app: FastifyInstance;
  let kiosk: Record<string, string>;

  beforeAll(async () => {
    ({ app } = await harness.start({
      clock: new TestClock(),
      config: { citizenData: { http: { baseUrl: base, token: TOKEN, timeoutMs: 300 } } },
    }));
    kiosk = await registerKiosk(app);
  });
  afterAll(() => harness.stop());

  it('serves the city’s answers and a clean 503 when the city system fails', async () => {
    const url = `/api/v1/citizen/real-estate?idNumber=${ADULT_ID}&name=${encodeURIComponent('张晓明')}`;
    script = { '/city/v1/real-estate/registrations': { status: 200, body: { registrations: [] } } };
    expect((await app.inject({ method: 'GET', url, headers: kiosk })).json()).toEqual({ registrations: [] });
    script = { '/city/v1/real-estate/registrations': { status: 500, body: {} } };
    const down = await app.inject({ method: 'GET', url, headers: kiosk });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ error: { code: 'providerUnavailable' } });
    const tech = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      payload: { username: 'technician', password: 'technician-dev-2026' },
    });
    const headers = { authorization: `Bearer ${tech.json<{ token: string }>().token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/staff/providers', headers })).json()).toEqual({
      citizenData: { kind: 'http', baseUrl: base },
    });
    const flip = await app.inject({
      method: 'PUT',
      url: '/api/v1/staff/providers/simulation',
      headers,
      payload: { down: true },
    });
    expect(flip.json()).toMatchObject({ error: { code: 'notSimulated' } });
  });
});
