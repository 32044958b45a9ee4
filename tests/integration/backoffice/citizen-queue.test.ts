// Data the hall does not own (through the simulated provider), 取号 queues and 预约签到 through the
// kiosk and staff API, on both databases: records as kiosks receive them, a clean 503 while the
// provider is down, one check-in per appointment with a priority ticket, calling order at counters.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../backoffice/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIdNumber, maskCode } from '../../../domain/identity';
import {
  ADULT_ID,
  BACKENDS,
  BackendHarness,
  MINOR_ID,
  TestClock,
  loginStaff,
  registerKiosk,
} from '../../helpers/backoffice-server';

const API = '/api/v1';
const NOBODY = '110101199003070011'; // the simulator's documented person without records
const RETIREE = '11010519491231002X';
const FOREIGN_2017 = 'USA110070070401';
// 一码办 codes: any well-formed one stands for a person in the simulator; two have fixed refusals.
const CODE = 'YMB1Xq7Vd0-kT3_aB9cD2eF4gH6jL';
const EXPIRED_CODE = 'YMB1simulated-expired-000';
const UNKNOWN_CODE = 'YMB1simulated-unknown-000';
const person = (idNumber: string, name = '张晓明') =>
  `idNumber=${encodeURIComponent(idNumber)}&name=${encodeURIComponent(name)}`;

interface Ticket {
  ticketId: string;
  label: string;
  theme: string;
  ahead: number;
  priority: boolean;
  state: string;
  counter?: string;
}

describe.each(BACKENDS)('citizen data and queues on %s', (backend) => {
  const harness = new BackendHarness(backend);
  const clock = new TestClock(); // 2026-11-23 10:00 in Beijing
  const lines: string[] = [];
  let app: FastifyInstance;
  let db: Database;
  let kiosk: Record<string, string>;
  let other: Record<string, string>;
  let clerk: Record<string, string>;
  let technician: Record<string, string>;

  beforeAll(async () => {
    ({ app, db } = await harness.start({
      clock,
      config: { logger: { level: 'info', destination: { write: (l: string) => lines.push(l) } } },
    }));
    kiosk = await registerKiosk(app, 'kiosk-01');
    other = await registerKiosk(app, 'kiosk-02');
    clerk = await loginStaff(app, 'clerk');
    technician = await loginStaff(app, 'technician');
  });
  afterAll(() => harness.stop());

  const get = (url: string, headers = kiosk) => app.inject({ method: 'GET', url: `${API}${url}`, headers });
  const post = (url: string, payload: object, headers = kiosk) =>
    app.inject({ method: 'POST', url: `${API}${url}`, headers, payload });

  it('answers 参保缴费记录 for the last twelve months by default, and a chosen range', async () => {
    const r = await get(`/citizen/social-insurance?${person(ADULT_ID)}`);
    expect(r.statusCode).toBe(200);
    const body = r.json<{ status: string; from: string; to: string; months: { month: string }[] }>();
    expect(body).toMatchObject({ status: 'active', from: '2025-11', to: '2026-10' });
    expect(new Set(body.months.map((m) => m.month)).size).toBe(12);
    expect((await get(`/citizen/social-insurance?${person(ADULT_ID)}`)).body).toBe(r.body);
    const ranged = await get(`/citizen/social-insurance?${person(ADULT_ID)}&from=2026-01&to=2026-03`);
    expect(new Set(ranged.json<{ months: { month: string }[] }>().months.map((m) => m.month))).toEqual(
      new Set(['2026-01', '2026-02', '2026-03']),
    );
    const tooLong = await get(`/citizen/social-insurance?${person(ADULT_ID)}&from=2000-01&to=2026-10`);
    expect(tooLong.statusCode).toBe(400);
    expect(
      (await get(`/citizen/social-insurance?${person(ADULT_ID)}&from=2026-05&to=2026-01`)).statusCode,
    ).toBe(400);
  });

  it('answers balances and registrations for every ID kind, and empty answers for a person without records', async () => {
    for (const id of [ADULT_ID, FOREIGN_2017]) {
      const medical = (await get(`/citizen/medical-insurance?${person(id)}`)).json<{
        account: { insuredType: string; balanceFen: number };
      }>();
      expect(medical.account.insuredType).toBe('employee');
      expect(Number.isInteger(medical.account.balanceFen)).toBe(true);
      const fund = (await get(`/citizen/housing-fund?${person(id)}&months=6`)).json<{
        account: { monthlyFen: number } | null;
        deposits: unknown[];
      }>();
      if (fund.account) expect(fund.deposits).toHaveLength(6);
      const estate = (await get(`/citizen/real-estate?${person(id)}`)).json<{
        registrations: { holders: string[] }[];
      }>();
      expect(estate.registrations.every((x) => x.holders[0] === '张晓明')).toBe(true);
    }
    for (const id of [NOBODY, MINOR_ID]) {
      expect((await get(`/citizen/social-insurance?${person(id)}`)).json()).toMatchObject({
        status: 'none',
        months: [],
      });
      expect((await get(`/citizen/medical-insurance?${person(id)}`)).json()).toEqual({ account: null });
      expect((await get(`/citizen/housing-fund?${person(id)}`)).json()).toEqual({
        account: null,
        deposits: [],
      });
      expect((await get(`/citizen/real-estate?${person(id)}`)).json()).toEqual({ registrations: [] });
      expect((await get(`/citizen/appointments?${person(id)}`)).json()).toEqual({
        date: '2026-11-23',
        appointments: [],
      });
    }
    expect((await get(`/citizen/medical-insurance?idNumber=12345&name=x`)).statusCode).toBe(400);
    expect((await get(`/citizen/medical-insurance?idNumber=${ADULT_ID}`)).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'GET', url: `${API}/citizen/medical-insurance?${person(ADULT_ID)}` }))
        .statusCode,
    ).toBe(401);
  });

  it('says the provider is unavailable (503) while it is switched down, and only technicians switch it', async () => {
    const flip = (down: boolean, headers: Record<string, string>) =>
      app.inject({ method: 'PUT', url: `${API}/staff/providers/simulation`, headers, payload: { down } });
    expect((await flip(true, clerk)).statusCode).toBe(403);
    expect((await flip(true, technician)).json()).toEqual({ citizenData: { kind: 'simulated', down: true } });
    for (const url of [
      `/citizen/social-insurance?${person(ADULT_ID)}`,
      `/citizen/medical-insurance?${person(ADULT_ID)}`,
      `/citizen/housing-fund?${person(ADULT_ID)}`,
      `/citizen/real-estate?${person(ADULT_ID)}`,
      `/citizen/appointments?${person(ADULT_ID)}`,
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(503);
      expect(r.json(), url).toMatchObject({ error: { code: 'providerUnavailable' } });
    }
    expect((await flip(false, technician)).json()).toEqual({
      citizenData: { kind: 'simulated', down: false },
    });
    expect((await get(`/staff/providers`, technician)).json()).toEqual({
      citizenData: { kind: 'simulated', down: false },
    });
    expect((await get(`/citizen/real-estate?${person(ADULT_ID)}`)).statusCode).toBe(200);
  });

  it('hands out numbers per theme, one waiting ticket per ID card, and tells how many are ahead', async () => {
    const status = (await get('/queue')).json<{
      site: string;
      themes: { themeId: string; waiting: number }[];
    }>();
    expect(status.site).toBe('东城区政务服务中心');
    expect(status.themes.map((t) => t.themeId)).toEqual([
      'social',
      'housing-fund',
      'business',
      'real-estate',
      'general',
    ]);
    const take = (body: object, headers = kiosk) =>
      post('/queue/tickets', { kioskId: 'kiosk-01', ...body }, headers);
    const a1 = (await take({ theme: 'housing-fund' })).json<Ticket>();
    const a2r = await take({ theme: 'housing-fund', idNumber: RETIREE });
    expect(a2r.statusCode).toBe(201);
    const a2 = a2r.json<Ticket>();
    expect([a1.label, a2.label]).toEqual(['B001', 'B002']);
    expect([a1.ahead, a2.ahead]).toEqual([0, 1]);
    const again = await take({ theme: 'housing-fund', idNumber: RETIREE });
    expect(again.statusCode).toBe(200);
    expect(again.json<Ticket>()).toMatchObject({ ticketId: a2.ticketId, label: 'B002' });
    expect((await take({ theme: 'social' })).json<Ticket>().label).toBe('A001');
    expect((await take({ theme: 'toaster' })).json()).toMatchObject({ error: { code: 'unknownTheme' } });
    expect((await take({ theme: 'social', kioskId: 'kiosk-02' })).statusCode).toBe(403);
    const after = (await get('/queue')).json<{ themes: { themeId: string; waiting: number }[] }>();
    expect(after.themes.find((t) => t.themeId === 'housing-fund')?.waiting).toBe(2);
  });

  it('checks an appointment in once, with a priority ticket for its counter theme', async () => {
    const list = (await get(`/citizen/appointments?${person(ADULT_ID)}`)).json<{
      appointments: { appointmentId: string; theme: string; status: string }[];
    }>();
    const appt = list.appointments.find((a) => a.status === 'booked')!;
    expect(appt).toBeDefined();
    const checkIn = (id: string, idNumber = ADULT_ID, headers = kiosk) =>
      post(
        `/citizen/appointments/${id}/check-in`,
        { kioskId: 'kiosk-01', idNumber, name: '张晓明' },
        headers,
      );
    expect((await checkIn(appt.appointmentId, RETIREE)).statusCode).toBe(404);
    expect((await checkIn(appt.appointmentId, ADULT_ID, other)).statusCode).toBe(403);
    const r = await checkIn(appt.appointmentId);
    expect(r.statusCode).toBe(201);
    const { ticket, appointment } = r.json<{
      ticket: Ticket;
      appointment: { status: string; ticket: Ticket };
    }>();
    expect(ticket).toMatchObject({ theme: appt.theme, priority: true, ahead: 0, state: 'waiting' });
    expect(appointment).toMatchObject({ status: 'checkedIn', ticket: { ticketId: ticket.ticketId } });
    const twice = await checkIn(appt.appointmentId);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: 'alreadyCheckedIn' } });
    const relisted = (await get(`/citizen/appointments?${person(ADULT_ID)}`)).json<{
      appointments: { appointmentId: string; status: string; ticket?: Ticket }[];
    }>();
    expect(relisted.appointments.find((a) => a.appointmentId === appt.appointmentId)).toMatchObject({
      status: 'checkedIn',
      ticket: { ticketId: ticket.ticketId },
    });
    const cancelled = (await get(`/citizen/appointments?${person(RETIREE, '张三')}`))
      .json<{ appointments: { appointmentId: string; status: string }[] }>()
      .appointments.find((a) => a.status === 'cancelled')!;
    const refused = await checkIn(cancelled.appointmentId, RETIREE);
    expect(refused.json()).toMatchObject({ error: { code: 'appointmentCancelled' } });
  });

  it('calls appointments first, then walk-ins in order; recalls, no-shows and serves at counters', async () => {
    // Walk-ins B001 and B002 wait in housing-fund; check in an appointment for that theme too.
    const foreign = (await get(`/citizen/appointments?${person(FOREIGN_2017)}`)).json<{
      appointments: { appointmentId: string; theme: string }[];
    }>();
    const appt = foreign.appointments.find((a) => a.theme === 'housing-fund')!;
    const checked = await post(`/citizen/appointments/${appt.appointmentId}/check-in`, {
      kioskId: 'kiosk-01',
      idNumber: FOREIGN_2017,
      name: '史密斯',
    });
    const priority = checked.json<{ ticket: Ticket }>().ticket;
    expect(priority).toMatchObject({ priority: true, ahead: 0, label: 'B003' });
    const board = (await get('/staff/queue', clerk)).json<{
      site: string;
      themes: { themeId: string; waiting: number; next: string[] }[];
    }>();
    expect(board.themes.find((t) => t.themeId === 'housing-fund')).toMatchObject({
      waiting: 3,
      next: ['B003', 'B001', 'B002'],
    });
    const call = (counter: string, themes = ['housing-fund']) =>
      post('/staff/queue/call', { site: board.site, counter, themes }, clerk);
    const first = (await call('3号窗口')).json<{ ticket: Ticket; served?: string }>();
    expect(first.ticket).toMatchObject({ label: 'B003', state: 'called', counter: '3号窗口' });
    expect(first.served).toBeUndefined();
    const second = (await call('4号窗口')).json<{ ticket: Ticket }>();
    expect(second.ticket.label).toBe('B001');
    const recall = await post(`/staff/queue/tickets/${second.ticket.ticketId}/recall`, {}, clerk);
    expect(recall.json()).toMatchObject({ label: 'B001', recalls: 1 });
    const noShow = await post(
      `/staff/queue/tickets/${second.ticket.ticketId}/close`,
      { outcome: 'noShow' },
      clerk,
    );
    expect(noShow.json()).toMatchObject({ state: 'noShow' });
    expect((await post(`/staff/queue/tickets/${second.ticket.ticketId}/recall`, {}, clerk)).statusCode).toBe(
      409,
    );
    const third = (await call('3号窗口')).json<{ ticket: Ticket; served?: string }>();
    expect(third).toMatchObject({ ticket: { label: 'B002' }, served: 'B003' });
    expect((await call('4号窗口')).json()).toEqual({ ticket: null });
    expect(
      (await post('/staff/queue/call', { site: board.site, counter: '1', themes: ['x'] }, clerk)).statusCode,
    ).toBe(400);
    expect((await get('/staff/queue', technician)).statusCode).toBe(403);
  });

  it('一码办: resolves a code to the ID number and name only, refuses expired and unknown codes alike', async () => {
    const resolve = (code: string, headers = kiosk, kioskId = 'kiosk-01') =>
      post('/citizen/yimaban', { kioskId, code }, headers);
    const r = await resolve(CODE);
    expect(r.statusCode).toBe(200);
    const holder = r.json<{ idNumber: string; name: string }>();
    expect(Object.keys(holder).sort()).toEqual(['idNumber', 'name']);
    expect(isValidIdNumber(holder.idNumber)).toBe(true);
    expect(holder.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect((await resolve(CODE)).body).toBe(r.body);
    expect((await resolve(`${CODE}x`)).json<{ idNumber: string }>().idNumber).not.toBe(holder.idNumber);

    // Expired, unknown and not a 一码办 code at all: one answer, which tells nothing more.
    const refusals = await Promise.all(
      [EXPIRED_CODE, UNKNOWN_CODE, 'https://example.org/q?x=1'].map((c) => resolve(c)),
    );
    for (const x of refusals) {
      expect(x.statusCode).toBe(400);
      expect(x.json()).toMatchObject({ error: { code: 'codeRefused' } });
      expect(x.json<{ error: { message: string } }>().error.message).toContain('刷新');
    }
    expect(new Set(refusals.map((x) => x.body)).size).toBe(1);

    expect(
      (
        await app.inject({
          method: 'POST',
          url: `${API}/citizen/yimaban`,
          payload: { kioskId: 'kiosk-01', code: CODE },
        })
      ).statusCode,
    ).toBe(401);
    expect((await resolve(CODE, clerk)).statusCode).toBe(401);
    const mismatch = await resolve(CODE, other);
    expect(mismatch.statusCode).toBe(403);
    expect(mismatch.json()).toMatchObject({ error: { code: 'kioskMismatch' } });

    const flip = (down: boolean) =>
      app.inject({
        method: 'PUT',
        url: `${API}/staff/providers/simulation`,
        headers: technician,
        payload: { down },
      });
    await flip(true);
    const down = await resolve(CODE);
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ error: { code: 'providerUnavailable' } });
    await flip(false);
    expect((await resolve(CODE)).statusCode).toBe(200);
  });

  it('keeps ID numbers out of the logs and the audit record', async () => {
    const audit = await db.query<{ action: string; data: string }>('SELECT action, data FROM audit_log');
    const recorded = audit.map((a) => `${a.action} ${a.data}`).join('\n');
    expect(recorded).toContain('citizen.query');
    expect(recorded).toContain('110105********1238');
    for (const id of [ADULT_ID, RETIREE]) expect(recorded).not.toContain(id);
    const all = lines.join('');
    for (const id of [ADULT_ID, RETIREE, FOREIGN_2017]) expect(all).not.toContain(id);
    // 一码办 codes are bearer tokens: masked on the audit record, nowhere in clear.
    for (const code of [CODE, EXPIRED_CODE]) {
      expect(all).not.toContain(code.slice(4, 20));
      expect(recorded).not.toContain(code.slice(4, 20));
    }
    expect(recorded).toContain(maskCode(CODE));
    expect(all).toContain('/citizen/social-insurance?idNumber=***');
  });
});
