// The kiosk's back-office client against the real service: the calls a hall kiosk makes for
// 秒批 printing, progress, lockers and configuration, with the shapes the client declares.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BackofficeClient, BackofficeError } from '../../../main/backend';
import {
  callApi,
  registerKiosk,
  staffLogin,
  startService,
  type TestService,
} from '../../helpers/outbox-service';

const KIOSK = 'client-kiosk-01';
const APPLICANT = { idNumber: '110105200001011238', name: '张晓明' };
let dir: string;
let service: TestService;
let client: BackofficeClient;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yizhan-kiosk-client-'));
  service = await startService({ dir });
  const credential = await registerKiosk(service.url, KIOSK);
  client = new BackofficeClient({ baseUrl: service.url, kioskId: KIOSK, credential, timeoutMs: 10_000 });
});
afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('gets its configuration with the material limits the outbox must apply', async () => {
  const reply = await client.heartbeat({
    sentAt: new Date().toISOString(),
    appVersion: '0.1.0',
    configVersion: 0,
    session: 'idle',
    devices: [],
  });
  expect(reply.config?.limits).toEqual({
    maxMaterialBytes: 10 * 1024 * 1024,
    maxFilingBytes: 40 * 1024 * 1024,
  });
  expect((await client.config()).catalogue.length).toBeGreaterThan(0);
});

it('prints a 秒批 result found by the applicant’s ID card and reports it taken', async () => {
  const { filing } = await client.createFiling(
    {
      serviceId: 'sole-proprietor-registration',
      kioskId: KIOSK,
      applicant: APPLICANT,
      form: {
        businessName: '东城区晓明打字复印店',
        ownerType: 'naturalPerson',
        businessScope: ['打字复印'],
        address: '北京市东城区东四北大街100号',
      },
      delivery: { method: 'print' },
    },
    'client-test-instant-0001',
  );
  expect(filing.status).toBe('resultReady');
  const [item] = await client.progressByApplicant(APPLICANT.idNumber, APPLICANT.name);
  // Both carry a print grant for this kiosk, issued when the applicant filed or asked here.
  const resultPath = filing.instantResult!.documentUrl.split('?')[0]!;
  expect(filing.instantResult!.documentUrl).toMatch(/\?grant=/);
  expect(item).toMatchObject({ filingId: filing.filingId });
  expect(item!.resultUrl!.startsWith(`${resultPath}?grant=`)).toBe(true);
  const pdf = await client.resultDocument(item!.resultUrl!);
  expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  expect(pdf.byteLength).toBeGreaterThan(5000);
  await client.resultPrinted(item!.resultUrl!);
  const [after] = await client.progressByQr(filing.qrPayload);
  expect(after).toMatchObject({ trackingNumber: filing.trackingNumber, status: 'collected' });
  expect(after).not.toHaveProperty('resultUrl');
  const forged = filing.qrPayload.replace(/v=.*/, 'v=AAAAAAAAAAAAAAAA');
  const refused = await client.progressByQr(forged).catch((e: unknown) => e);
  expect((refused as BackofficeError).code).toBe('badQrCode');
  // Printed twice is refused: the matter is closed.
  const again = await client.resultPrinted(item!.resultUrl!).catch((e: unknown) => e);
  expect(again).toBeInstanceOf(BackofficeError);
  expect((again as BackofficeError).code).toBe('illegalTransition');
});

it('sees its own occupied doors, so a deposit goes into an empty one', async () => {
  const { filing } = await client.createFiling(
    {
      serviceId: 'generic-application',
      kioskId: KIOSK,
      applicant: APPLICANT,
      form: { subject: '材料存柜' },
      delivery: { method: 'locker' },
    },
    'client-test-deposit-0001',
  );
  expect(await client.lockerDoors()).toEqual([]);
  await client.lockerDeposit({ filingId: filing.filingId, cabinetId: 'A', board: 1, door: 2 });
  expect(await client.lockerDoors()).toEqual([
    expect.objectContaining({ content: 'deposit', filingId: filing.filingId, cabinetId: 'A', door: 2 }),
  ]);
  const twice = await client
    .lockerDeposit({ filingId: filing.filingId, cabinetId: 'A', board: 1, door: 2 })
    .catch((e: unknown) => e);
  expect((twice as BackofficeError).code).toBe('doorOccupied');
  const clerk = await staffLogin(service.url, 'clerk');
  const { doors } = await callApi<{ doors: { id: string }[] }>(`${service.url}/api/v1/lockers/doors`, {
    token: clerk,
  });
  await callApi(`${service.url}/api/v1/staff/lockers/deposits/${doors[0]!.id}/retrieved`, {
    method: 'POST',
    token: clerk,
    json: {},
  });
  expect(await client.lockerDoors()).toEqual([]);
});

it('reads records the hall does not own, checks an appointment in and takes queue tickets', async () => {
  const person = { idNumber: APPLICANT.idNumber, name: APPLICANT.name };
  // The simulated records follow the real clock here: the last twelve months before this one.
  const records = await client.socialInsurance(person);
  expect(records.status).toBe('active');
  expect(records.months).toHaveLength(12 * 5);
  expect(records.months.at(-1)?.month).toBe(records.to);
  expect(await client.medicalAccount(person)).toMatchObject({ insuredType: 'employee' });
  const fund = await client.housingFund(person, 3);
  expect(fund.account === null || fund.deposits.length === 3).toBe(true);
  expect((await client.realEstate(person)).every((r) => r.holders.includes(APPLICANT.name))).toBe(true);
  const nobody = { idNumber: '110101199003070011', name: '赵无' };
  expect(await client.medicalAccount(nobody)).toBeNull();
  expect(await client.appointmentsToday(nobody)).toEqual([]);

  const status = await client.queueStatus();
  expect(status.themes.length).toBeGreaterThan(0);
  const walkIn = await client.takeTicket('general');
  expect(walkIn).toMatchObject({ reissued: false, ticket: { theme: 'general', priority: false } });
  const byCard = await client.takeTicket('general', person.idNumber);
  expect(byCard.ticket.ahead).toBe(walkIn.ticket.ahead + 1);
  expect(await client.takeTicket('general', person.idNumber)).toMatchObject({
    reissued: true,
    ticket: { ticketId: byCard.ticket.ticketId },
  });

  const booked = (await client.appointmentsToday(person)).find((a) => a.status === 'booked')!;
  const { ticket } = await client.checkIn(booked.appointmentId, person);
  expect(ticket).toMatchObject({ theme: booked.theme, priority: true });
  const twice = await client.checkIn(booked.appointmentId, person).catch((e: unknown) => e);
  expect((twice as BackofficeError).code).toBe('alreadyCheckedIn');
  const unknownTheme = await client.takeTicket('toaster').catch((e: unknown) => e);
  expect(unknownTheme).toMatchObject({ kind: 'rejected', code: 'unknownTheme' });
});

it('rates a filing once, and a past one by its receipt QR (the 好差评 service)', async () => {
  const { filing } = await client.createFiling(
    {
      serviceId: 'generic-application',
      kioskId: KIOSK,
      applicant: APPLICANT,
      form: { subject: '好差评测试' },
      delivery: { method: 'locker' },
    },
    'client-test-rating-0001',
  );
  const [before] = await client.progressByQr(filing.qrPayload);
  expect(before?.rated).toBe(false);
  expect(await client.rateByTracking({ qr: filing.qrPayload }, { level: 2, options: ['longWait'] })).toEqual({
    trackingNumber: filing.trackingNumber,
    level: 2,
    levelName: '不满意',
    badRating: true,
  });
  const again = await client.rate(filing.filingId, { level: 5, options: [] }).catch((e: unknown) => e);
  expect((again as BackofficeError).code).toBe('alreadyRated');
  const [after] = await client.progressByTracking(filing.trackingNumber);
  expect(after?.rated).toBe(true);
});
