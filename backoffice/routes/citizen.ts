import type { z } from 'zod';
import { keyedHash, type Ctx } from '../context';
import { appendAudit } from '../domain/audit';
import { addMonths, cstIsoDate, cstMonth } from '../domain/cst';
import { isYimabanCode, maskCode, maskIdNumber } from '../../domain/identity';
import { ApiError, notFound } from '../errors';
import { actorOf, requireKiosk } from '../http/auth';
import { defineRoute, type AnyRoute, type Principal } from '../http/route';
import { AppointmentRefused, CodeRefused, describeProvider, SimulatedCitizenData } from '../providers';
import type { Appointment } from '../providers/records';
import * as s from '../schemas';
import { siteOfKiosk, takeTicket, themeNamed, ticketView, type TicketRow } from '../services/queue';

type Kind = 'socialInsurance' | 'medicalAccount' | 'housingFund' | 'realEstate' | 'appointments' | 'yimaban';

const SYSTEM: Record<Kind, string> = {
  socialInsurance: '社保系统',
  medicalAccount: '医保系统',
  housingFund: '公积金系统',
  realEstate: '不动产登记系统',
  appointments: '预约系统',
  yimaban: '一码办平台',
};

const unavailable = (kind: Kind) =>
  new ApiError(
    503,
    'providerUnavailable',
    `${SYSTEM[kind]}暂不可用，请稍后再试或到窗口办理 / the ${kind} system is unavailable, try later or at a counter`,
  );

const UNAVAILABLE = { 503: ['providerUnavailable'] } as const;

export function citizenRoutes(ctx: Ctx): AnyRoute[] {
  /**
   * Asks the provider and puts the question on the audit record (who asked for whose records, the
   * ID number masked). A provider that cannot answer is a 503 the kiosk can explain, never a 500.
   */
  async function ask<T>(
    kind: Kind,
    principal: Principal | undefined,
    idNumber: string,
    call: () => Promise<T>,
  ): Promise<T> {
    const answer = await reach(kind, call);
    await ctx.db.transaction((tx) =>
      appendAudit(tx, ctx.clock.now(), actorOf(principal), 'citizen.query', kind, {
        idNumber: maskIdNumber(idNumber),
      }),
    );
    return answer;
  }

  /** Calls the provider; anything but a refusal it understood is logged (no personal data) and becomes 503. */
  async function reach<T>(kind: Kind, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof AppointmentRefused || err instanceof CodeRefused) throw err;
      const reason = err instanceof Error && 'reason' in err ? String(err.reason) : 'provider failed';
      ctx.log.warn({ kind, reason }, 'citizen data provider unavailable');
      throw unavailable(kind);
    }
  }

  /** Today's appointments of a person, each with the ticket its check-in here yielded. */
  async function appointmentsToday(
    principal: Principal | undefined,
    person: { idNumber: string; name: string },
  ): Promise<{ date: string; appointments: z.output<typeof s.appointmentWithTicket>[] }> {
    const date = cstIsoDate(ctx.clock.now());
    const list = await ask('appointments', principal, person.idNumber, () =>
      ctx.citizenData.appointments(person, date),
    );
    const appointments = [];
    for (const a of list) appointments.push(await withTicket(a));
    return { date, appointments };
  }

  async function withTicket(a: Appointment): Promise<z.output<typeof s.appointmentWithTicket>> {
    const rows = await ctx.db.query<TicketRow>(
      `SELECT t.* FROM appointment_checkins c JOIN queue_tickets t ON t.ticket_id = c.ticket_id
       WHERE c.appointment_id = ?`,
      [a.appointmentId],
    );
    if (!rows[0]) return a;
    const theme = await themeNamed(ctx, rows[0].theme);
    return { ...a, status: 'checkedIn', ticket: await ticketView(ctx.db, rows[0], theme) };
  }

  return [
    defineRoute({
      method: 'GET',
      url: '/citizen/social-insurance',
      operationId: 'getSocialInsuranceRecords',
      summary: '参保缴费记录: months, base, amounts and employers (default: the last 12 months)',
      tag: 'citizen',
      auth: 'kiosk',
      query: s.socialInsuranceQuery,
      responses: { 200: s.socialInsuranceReply },
      errors: UNAVAILABLE,
      async handler({ query, principal }) {
        const to = query.to ?? addMonths(cstMonth(ctx.clock.now()), -1);
        const from = query.from ?? addMonths(to, -11);
        if (addMonths(from, 120) <= to)
          throw new ApiError(400, 'validationFailed', '查询区间过长 / at most 120 months at once', [
            { path: 'from', message: 'at most 120 months before to' },
          ]);
        const person = { idNumber: query.idNumber, name: query.name };
        const records = await ask('socialInsurance', principal, query.idNumber, () =>
          ctx.citizenData.socialInsurance(person, { from, to }),
        );
        return { status: 200, body: { ...records, from, to } };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/citizen/medical-insurance',
      operationId: 'getMedicalAccount',
      summary: '医保个人账户余额 (account null: not insured here)',
      tag: 'citizen',
      auth: 'kiosk',
      query: s.personQuery,
      responses: { 200: s.medicalAccountReply },
      errors: UNAVAILABLE,
      async handler({ query, principal }) {
        const account = await ask('medicalAccount', principal, query.idNumber, () =>
          ctx.citizenData.medicalAccount(query),
        );
        return { status: 200, body: { account } };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/citizen/housing-fund',
      operationId: 'getHousingFund',
      summary: '住房公积金: balance, monthly deposit, status and the 缴存证明 data (account null: none)',
      tag: 'citizen',
      auth: 'kiosk',
      query: s.housingFundQuery,
      responses: { 200: s.housingFundReply },
      errors: UNAVAILABLE,
      async handler({ query, principal }) {
        const person = { idNumber: query.idNumber, name: query.name };
        const fund = await ask('housingFund', principal, query.idNumber, () =>
          ctx.citizenData.housingFund(person, query.months),
        );
        return { status: 200, body: fund };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/citizen/real-estate',
      operationId: 'getRealEstateRegistrations',
      summary: '不动产登记信息: registered units where the person is a right holder',
      tag: 'citizen',
      auth: 'kiosk',
      query: s.personQuery,
      responses: { 200: s.realEstateReply },
      errors: UNAVAILABLE,
      async handler({ query, principal }) {
        const registrations = await ask('realEstate', principal, query.idNumber, () =>
          ctx.citizenData.realEstate(query),
        );
        return { status: 200, body: { registrations } };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/citizen/appointments',
      operationId: 'listAppointmentsToday',
      summary: "预约签到: today's appointments (CST) of a person at this hall, with tickets of check-ins",
      tag: 'citizen',
      auth: 'kiosk',
      query: s.personQuery,
      responses: { 200: s.appointmentsReply },
      errors: UNAVAILABLE,
      async handler({ query, principal }) {
        return { status: 200, body: await appointmentsToday(principal, query) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/citizen/appointments/:appointmentId/check-in',
      operationId: 'checkInAppointment',
      summary: "Check in one of today's appointments (once); yields a priority ticket for its counter",
      tag: 'citizen',
      auth: 'kiosk',
      params: s.appointmentParams,
      body: s.checkIn,
      responses: { 201: s.checkedIn },
      errors: {
        400: ['unknownKiosk', 'unknownTheme'],
        403: ['kioskMismatch'],
        404: ['notFound'],
        409: ['alreadyCheckedIn', 'appointmentCancelled'],
        503: ['providerUnavailable'],
      },
      async handler({ params, body, principal }) {
        requireKiosk(principal, body.kioskId);
        const person = { idNumber: body.idNumber, name: body.name };
        const today = await appointmentsToday(principal, person);
        const found = today.appointments.find((a) => a.appointmentId === params.appointmentId);
        if (!found) throw notFound('appointment');
        if (found.ticket) throw alreadyCheckedIn();
        if (found.status === 'cancelled') throw cancelled();
        const site = await siteOfKiosk(ctx.db, body.kioskId);
        const theme = await themeNamed(ctx, found.theme);
        // The appointment system learns first (idempotent there); the claim below makes it once here.
        await reach('appointments', () => ctx.citizenData.checkIn(found.appointmentId, person)).catch(
          (err: unknown) => {
            if (!(err instanceof AppointmentRefused)) throw err;
            throw err.code === 'notFound'
              ? notFound('appointment')
              : err.code === 'cancelled'
                ? cancelled()
                : alreadyCheckedIn();
          },
        );
        const now = ctx.clock.now();
        const holderHash = keyedHash(ctx.cfg, 'id', body.idNumber);
        const ticket = await ctx.db.transaction(async (tx) => {
          await tx.lock(`yizhan.appointment.${found.appointmentId}`);
          const done = await tx.query('SELECT 1 AS one FROM appointment_checkins WHERE appointment_id = ?', [
            found.appointmentId,
          ]);
          if (done[0]) throw alreadyCheckedIn();
          const { ticket: t } = await takeTicket(tx, {
            site,
            theme,
            kioskId: body.kioskId,
            holderHash,
            appointmentId: found.appointmentId,
            now,
          });
          await tx.run(
            'INSERT INTO appointment_checkins (appointment_id, kiosk_id, holder_hash, ticket_id, at) VALUES (?, ?, ?, ?, ?)',
            [found.appointmentId, body.kioskId, holderHash, t.ticket_id, now],
          );
          await appendAudit(tx, now, actorOf(principal), 'appointment.checkIn', found.appointmentId, {
            idNumber: maskIdNumber(body.idNumber),
            ticket: t.label,
          });
          return t;
        });
        const view = await ticketView(ctx.db, ticket, theme);
        return {
          status: 201,
          body: { appointment: { ...found, status: 'checkedIn' as const, ticket: view }, ticket: view },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/citizen/yimaban',
      operationId: 'resolveYimabanCode',
      summary:
        '一码办: whom the QR code on the citizen’s phone stands for (ID number and name, nothing more)',
      tag: 'citizen',
      auth: 'kiosk',
      body: s.codeResolve,
      responses: { 200: s.codeResolved },
      errors: { 400: ['codeRefused'], 403: ['kioskMismatch'], 503: ['providerUnavailable'] },
      async handler({ body, principal }) {
        requireKiosk(principal, body.kioskId);
        // The code is a bearer token: only its masked form reaches the audit record or a log.
        const code = maskCode(body.code);
        const refused = async (why: CodeRefused['code']) => {
          await ctx.db.transaction((tx) =>
            appendAudit(tx, ctx.clock.now(), actorOf(principal), 'citizen.query', 'yimaban', {
              code,
              refused: why,
            }),
          );
          // One answer for expired and unknown: the citizen refreshes the code either way.
          return new ApiError(
            400,
            'codeRefused',
            '一码办二维码已失效或无法识别，请在手机上刷新后重新出示 / the 一码办 code has expired or is not known: refresh it on your phone and show it again',
          );
        };
        if (!isYimabanCode(body.code)) throw await refused('unknown');
        const holder = await reach('yimaban', () => ctx.citizenData.resolveCode(body.code)).catch(
          async (err: unknown) => {
            throw err instanceof CodeRefused ? await refused(err.code) : err;
          },
        );
        await ctx.db.transaction((tx) =>
          appendAudit(tx, ctx.clock.now(), actorOf(principal), 'citizen.query', 'yimaban', {
            code,
            idNumber: maskIdNumber(holder.idNumber),
          }),
        );
        return { status: 200, body: { idNumber: holder.idNumber, name: holder.name } };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/staff/providers',
      operationId: 'describeProviders',
      summary: 'Which citizen-data provider is configured (and whether the simulated one is switched down)',
      tag: 'staff',
      auth: 'staff',
      roles: ['technician', 'supervisor'],
      responses: { 200: s.providersReply },
      handler() {
        return Promise.resolve({ status: 200, body: { citizenData: describeProvider(ctx.citizenData) } });
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/staff/providers/simulation',
      operationId: 'switchSimulatedProvider',
      summary:
        'Switch the simulated citizen-data provider down or up (demonstrations, drills); this instance only',
      tag: 'staff',
      auth: 'staff',
      roles: ['technician', 'supervisor'],
      body: s.providerSwitch,
      responses: { 200: s.providersReply },
      errors: { 409: ['notSimulated'] },
      async handler({ body, principal }) {
        const provider = ctx.citizenData;
        if (!(provider instanceof SimulatedCitizenData)) {
          throw new ApiError(
            409,
            'notSimulated',
            '当前接入的是真实系统，不能切换 / the configured provider is not the simulated one',
          );
        }
        provider.down = body.down;
        await ctx.db.transaction((tx) =>
          appendAudit(tx, ctx.clock.now(), actorOf(principal), 'providers.simulation', 'citizenData', {
            down: body.down,
          }),
        );
        return { status: 200, body: { citizenData: describeProvider(provider) } };
      },
    }),
  ];
}

const alreadyCheckedIn = () =>
  new ApiError(409, 'alreadyCheckedIn', '该预约已签到 / this appointment is already checked in');
const cancelled = () =>
  new ApiError(409, 'appointmentCancelled', '该预约已取消 / this appointment was cancelled');
