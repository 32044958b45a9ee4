// Every service of the hall catalogue, walked through the host API (no page) on the real host with
// every device simulated over its real protocol and the real back office on loopback; each checked
// where it lands: the certificate's text in the PDF cups-pdf wrote, the receipt's text and QR in
// the simulated printer's output, the door opened and closed in the locker simulator, the filing and
// its materials, the rating, the ticket in the back office. After each journey nothing of the
// citizen is left in the kiosk's data directory, temporary files or log.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shippedCatalogue } from '../../../domain/catalogue/catalogue';
import { maskIdNumber } from '../../../domain/identity';
import { createPdfQueue, pdfText, type PdfQueue } from '../../helpers/cups';
import {
  begin,
  doorOpened,
  expectNothingPersonal,
  fileElsewhere,
  finish,
  soleProprietorToConfirm,
  tapIdCard,
} from '../../helpers/journey-steps';
import { startBackoffice, startKiosk, testDir, type Kiosk } from '../../helpers/kiosk-rig';
import { callApi, serverFilings, staffLogin, type TestService } from '../../helpers/outbox-service';
import { findCodeHolder, findPerson, person, type Person } from '../../helpers/people';
import { pageSecret, secretsOf } from '../../helpers/privacy';
import { jpegPage } from '../../helpers/scan-pages';

vi.setConfig({ testTimeout: 60_000 });

const t = testDir('yizhan-hall-journeys');
let bo: TestService;
let queue: PdfQueue;
let kiosk: Kiosk;
let clerk = '';
let supervisor = '';
let worker: Person;

beforeAll(async () => {
  bo = await startBackoffice(t.dir);
  queue = await createPdfQueue('yz-hall');
  kiosk = await startKiosk({ dir: t.dir, backoffice: bo, kioskId: 'hall-journeys', a4Queue: queue.name });
  clerk = await staffLogin(bo.url, 'clerk');
  supervisor = await staffLogin(bo.url, 'supervisor');
  worker = await findPerson({ insured: true, housingFund: true, realEstate: true });
}, 90_000);
afterAll(async () => {
  await kiosk?.stop();
  await bo?.stop();
  queue?.remove();
  t.remove();
});

/** The text of the A4 document printed last (what cups-pdf wrote for the spooler's job). */
async function lastA4Text(): Promise<string> {
  const job = kiosk.a4Jobs().at(-1);
  expect(job, 'an A4 job completed').toBeDefined();
  return pdfText(await queue.waitForOutput(job!));
}

const receiptsAfter = (n: number) => kiosk.receipts.slice(n);
const api = (path: string, init: Parameters<typeof callApi>[1] = {}) =>
  callApi<Record<string, unknown>>(`${bo.url}/api/v1${path}`, { token: clerk, ...init });

const fileFor = (p: Person, delivery: 'locker' | 'print' = 'locker') => fileElsewhere(bo, p, delivery);

const privacy = (p: Person) => expectNothingPersonal(kiosk, [t.tmp], secretsOf(p));

describe('the hall catalogue', () => {
  it('offers every shipped hall service, each available with every device up', async () => {
    const list = await kiosk.call('catalogue:list');
    expect(list.services.map((s) => s.serviceId)).toEqual(
      shippedCatalogue('hall').services.map((s) => s.serviceId),
    );
    expect(list.services.filter((s) => !s.available)).toEqual([]);
  });
});

describe('certificates and records', () => {
  it('参保证明打印: the certificate comes out of the spooler with the records, masked ID and a verification code', async () => {
    await begin(kiosk, 'social-insurance-certificate');
    await kiosk.step('guide');
    await kiosk.send({ kind: 'next' });
    await tapIdCard(kiosk, worker.card);
    const record = await kiosk.step('lookup');
    expect(record.result?.table?.rows[0]?.[0]).toBe('企业职工基本养老保险');
    expect(kiosk.view.identity).toEqual({
      method: 'idCard',
      name: worker.name,
      idNumber: maskIdNumber(worker.idNumber),
      cardType: 'resident',
    });
    await kiosk.send({ kind: 'next' });
    await kiosk.step('done');
    const text = await lastA4Text();
    expect(text).toContain('社会保险参保证明');
    expect(text).toContain(worker.name);
    expect(text).toContain(maskIdNumber(worker.idNumber));
    expect(text).not.toContain(worker.idNumber);
    expect(text).toMatch(/SBZM-\d{8}-[0-9A-Z]{8}/);
    expect(text).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });
    privacy(worker);
  });

  it('参保证明打印 by 一码办: a refused code is told, the code on the phone identifies the citizen, the certificate names them', async () => {
    const holder = await findCodeHolder();
    await begin(kiosk, 'social-insurance-certificate');
    await kiosk.step('guide');
    await kiosk.send({ kind: 'next' });
    expect((await kiosk.step('identify')).accept).toContain('qr');
    await kiosk.scanner.scan('YMB1simulated-expired-000');
    expect(await kiosk.fault()).toEqual({ code: 'codeRefused', options: ['retry', 'end'] });
    await kiosk.send({ kind: 'fault', option: 'retry' });
    await kiosk.until((k) => k.view.step?.kind === 'identify' && !k.view.fault, 'the identify step again');
    await kiosk.scanner.scan(holder.code);
    await kiosk.step('lookup');
    expect(kiosk.view.identity).toEqual({
      method: 'qr',
      name: holder.name,
      idNumber: maskIdNumber(holder.idNumber),
      cardType: 'resident',
    });
    await kiosk.send({ kind: 'next' });
    await kiosk.step('done');
    const text = await lastA4Text();
    expect(text).toContain('社会保险参保证明');
    expect(text).toContain(holder.name);
    expect(text).toContain(maskIdNumber(holder.idNumber));
    expect(text).not.toContain(holder.idNumber);
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });
    expectNothingPersonal(
      kiosk,
      [t.tmp],
      [...secretsOf(holder), { what: '一码办 code', value: holder.code }],
    );
  });

  it('公积金缴存证明打印: the certificate names the account (masked) and the balance', async () => {
    await begin(kiosk, 'housing-fund-certificate');
    await kiosk.send({ kind: 'next' });
    await tapIdCard(kiosk, worker.card);
    const account = await kiosk.step('lookup');
    expect(account.query).toBe('housingFundAccount');
    await kiosk.send({ kind: 'next' });
    await kiosk.step('done');
    const text = await lastA4Text();
    expect(text).toContain('住房公积金');
    expect(text).toContain(worker.name);
    expect(text).toMatch(/GJJZM-\d{8}-/);
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });
    privacy(worker);
  });

  it('不动产登记信息查询: the search result is shown, and printed on request', async () => {
    await begin(kiosk, 'real-estate-query');
    await kiosk.send({ kind: 'next' });
    await tapIdCard(kiosk, worker.card);
    const found = await kiosk.step('lookup');
    const certificate = found.result?.table?.rows[0]?.[0];
    expect(certificate).toMatch(/不动产权第\d+号/);
    await kiosk.send({ kind: 'next' });
    expect((await kiosk.step('print')).asking).toBe(true);
    await kiosk.send({ kind: 'next' });
    await kiosk.step('done');
    const text = await lastA4Text();
    expect(text).toContain(certificate!);
    expect(text).toContain(worker.name);
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });
    privacy(worker);
  });
});

describe('filings', () => {
  it('个体工商户设立登记 (秒批): filed with its premises proof, approved, the notice printed, the slip with its QR, rated', async () => {
    const owner = person('1990-05-20', 321, '周晓明');
    const receipts = kiosk.receipts.length;
    await soleProprietorToConfirm(kiosk, owner, {
      businessName: '东城区晓明打字复印店',
      businessScope: ['打字复印', '文具用品零售'],
      address: '北京市东城区东四北大街100号',
      phone: '13800138000',
    });
    await kiosk.send({ kind: 'next' });
    const rate = await kiosk.step('rate', 60_000);
    const tracking = rate.subject.trackingNumber;
    expect(tracking).toMatch(/^YZ\d{8}-\d{6,}[0-9A-Y]$/);
    // The notice the back office decided and rendered, printed here; the acceptance slip with its QR.
    const notice = await lastA4Text();
    expect(notice).toContain('办件结果通知书');
    expect(notice).toContain('准予办理');
    expect(notice).toContain('东城区晓明打字复印店');
    const slip = receiptsAfter(receipts).find((r) => r.includes(tracking));
    expect(slip).toBeDefined();
    expect(slip).toMatch(new RegExp(`\\[QR yizhan://track/${tracking}\\?v=[A-Za-z0-9_-]{16}\\]`));
    expect(slip).not.toContain(owner.idNumber);
    await kiosk.send({ kind: 'rate', rating: { level: 5, options: ['easyTerminal'] } });
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });

    const filing = (await serverFilings(bo.url, clerk)).find((f) => f.trackingNumber === tracking);
    expect(filing).toMatchObject({ kioskId: 'hall-journeys', status: 'collected' });
    expect(filing!.materials).toEqual([
      expect.objectContaining({ name: '经营场所使用证明', kind: 'premisesProof' }),
    ]);
    const ratings = (await api('/staff/ratings')) as { items: Record<string, unknown>[] };
    expect(ratings.items.find((r) => r.trackingNumber === tracking)).toMatchObject({
      level: 5,
      options: [expect.objectContaining({ code: 'easyTerminal' })],
    });
    privacy(owner);
    // The premises proof went with the filing; delivered, the kiosk keeps no copy of the page.
    expectNothingPersonal(kiosk, [t.tmp], [pageSecret(await jpegPage('a4', 60, 3))]);
  });

  it('居住证申领: filed with a photo, the papers put in a locker door that opened and closed, the slip printed', async () => {
    const applicant = person('1995-09-09', 432, '孙丽娟');
    const receipts = kiosk.receipts.length;
    await begin(kiosk, 'residence-permit');
    await kiosk.send({ kind: 'next' });
    await tapIdCard(kiosk, applicant.card);
    const form = await kiosk.step('form');
    expect(form.fields.find((f) => f.name === 'idNumber')).toMatchObject({
      locked: true,
      display: maskIdNumber(applicant.idNumber),
    });
    // The page sends the whole form: what was prefilled (and left) with what the citizen typed.
    const prefilled = Object.fromEntries(
      form.fields.filter((f) => !f.locked && f.value).map((f) => [f.name, f.value]),
    );
    await kiosk.send({
      kind: 'form',
      values: {
        ...prefilled,
        residenceAddress: '北京市东城区和平里东街18号2单元301',
        residenceSince: '2025-03-01',
        basis: 'employment',
        employerOrSchool: '北京星河信息技术有限公司',
        phone: '13900139000',
      },
    });
    await kiosk.step('capture');
    const photo = await jpegPage('id1', 150);
    await kiosk.call('flow:capture', {
      material: 'photo',
      pages: [{ paper: 'id1', data: photo.toString('base64') }],
    });
    await kiosk.send({ kind: 'next' });
    await kiosk.step('choose');
    await kiosk.send({ kind: 'choose', value: 'locker' });
    await kiosk.step('confirm');
    await kiosk.send({ kind: 'next' });
    const { door } = await doorOpened(kiosk, 'lockerDeposit');
    expect(kiosk.lockers.isOpen(1, door)).toBe(true);
    kiosk.lockers.setItem(1, door, true);
    kiosk.lockers.close(1, door);
    const rate = await kiosk.step('rate', 60_000);
    expect(kiosk.lockers.isOpen(1, door)).toBe(false);
    const tracking = rate.subject.trackingNumber;
    expect(
      receiptsAfter(receipts).some((r) => r.includes(tracking) && r.includes('[QR yizhan://track/')),
    ).toBe(true);
    await kiosk.send({ kind: 'skip' });
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });

    const filing = (await serverFilings(bo.url, clerk)).find((f) => f.trackingNumber === tracking);
    expect(filing?.materials.map((m) => m.kind)).toEqual(['photo']);
    const doors = (await api('/lockers/doors?kioskId=hall-journeys')) as { doors: Record<string, unknown>[] };
    expect(doors.doors).toContainEqual(
      expect.objectContaining({
        content: 'deposit',
        trackingNumber: tracking,
        board: 1,
        door,
        cabinetId: 'A',
      }),
    );
    privacy(applicant);
    expectNothingPersonal(kiosk, [t.tmp], [pageSecret(photo)]);
  });
});

describe('the hall’s own services', () => {
  it('办件进度查询 by ID card, and by scanning the receipt QR', async () => {
    const p = person('1979-11-02', 543, '吴静');
    const filed = await fileFor(p, 'print');
    await begin(kiosk, 'progress-query');
    await tapIdCard(kiosk, p.card);
    const byCard = await kiosk.step('lookup');
    expect(byCard.result?.table?.rows.some((r) => r.includes(filed.trackingNumber))).toBe(true);
    await kiosk.send({ kind: 'next' });
    expect(await finish(kiosk)).toMatchObject({ reason: 'done' });

    await begin(kiosk, 'progress-query');
    await kiosk.until((k) => k.view.step?.kind === 'identify', 'the identify step');
    await kiosk.scanner.scan(filed.qrPayload);
    const byQr = await kiosk.step('lookup');
    expect(byQr.result?.table?.rows.some((r) => r.includes(filed.trackingNumber))).toBe(true);
    expect(kiosk.view.identity).toBeUndefined();
    await kiosk.send({ kind: 'next' });
    expect(await finish(kiosk)).toMatchObject({ reason: 'done' });
    privacy(p);
  });

  it('材料投递: by tracking number, a free door opened and closed, the deposit recorded, the slip printed', async () => {
    const p = person('1983-02-14', 654, '刘芳');
    const filed = await fileFor(p);
    const receipts = kiosk.receipts.length;
    await begin(kiosk, 'material-deposit');
    await kiosk.send({ kind: 'next' });
    await kiosk.step('enterCode');
    await kiosk.send({ kind: 'code', value: filed.trackingNumber });
    await kiosk.step('lookup');
    await kiosk.send({ kind: 'next' });
    const { door, label } = await doorOpened(kiosk, 'lockerDeposit');
    expect(kiosk.lockers.isOpen(1, door)).toBe(true);
    kiosk.lockers.setItem(1, door, true);
    kiosk.lockers.close(1, door);
    await kiosk.step('done', 30_000);
    const slip = receiptsAfter(receipts).find((r) => r.includes(filed.trackingNumber));
    expect(slip).toContain(label);
    expect(await finish(kiosk)).toMatchObject({ reason: 'done', outcome: 'completed' });
    const doors = (await api('/lockers/doors?kioskId=hall-journeys')) as { doors: Record<string, unknown>[] };
    expect(doors.doors).toContainEqual(
      expect.objectContaining({ content: 'deposit', trackingNumber: filed.trackingNumber, door }),
    );
    privacy(p);
  });

  it('结果领取: by the pickup code staff issued, the door with the result opens, is closed, and the filing is collected', async () => {
    const p = person('1986-07-30', 765, '赵志强');
    const filed = await fileFor(p);
    await api(`/staff/filings/${filed.filingId}/accept`, { method: 'POST' });
    await api(`/staff/filings/${filed.filingId}/approve`, { method: 'POST', token: supervisor });
    await api(`/staff/filings/${filed.filingId}/result`, { method: 'POST', json: { generate: true } });
    kiosk.lockers.setItem(1, 16, true);
    const assigned = (await api(`/staff/filings/${filed.filingId}/locker-assignment`, {
      method: 'POST',
      json: { kioskId: 'hall-journeys', cabinetId: 'A', board: 1, door: 16 },
    })) as { pickupCode: string };
    await begin(kiosk, 'result-pickup');
    await kiosk.until((k) => k.view.step?.kind === 'identify', 'the identify step');
    await kiosk.send({ kind: 'code', value: assigned.pickupCode });
    expect((await doorOpened(kiosk, 'lockerPickup')).label).toBe('A-16');
    expect(kiosk.lockers.isOpen(1, 16)).toBe(true);
    kiosk.lockers.setItem(1, 16, false);
    kiosk.lockers.close(1, 16);
    await kiosk.step('done');
    expect(await finish(kiosk)).toMatchObject({ reason: 'done', outcome: 'completed' });
    const after = (await api(`/filings/${filed.filingId}`)) as { status: string };
    expect(after.status).toBe('collected');
    privacy(p);
  });

  it('好差评: a past filing chosen by ID card and rated; the rating stored with its level and options', async () => {
    const p = person('1975-03-03', 876, '李建国');
    const filed = await fileFor(p);
    await begin(kiosk, 'rating');
    await tapIdCard(kiosk, p.card);
    const rate = await kiosk.step('rate');
    expect(rate.subject.trackingNumber).toBe(filed.trackingNumber);
    await kiosk.send({ kind: 'rate', rating: { level: 4, options: ['easyTerminal'], text: '很方便' } });
    expect(await finish(kiosk)).toMatchObject({ reason: 'done', outcome: 'completed' });
    const ratings = (await api('/staff/ratings')) as { items: Record<string, unknown>[] };
    expect(ratings.items.find((r) => r.trackingNumber === filed.trackingNumber)).toMatchObject({
      level: 4,
      options: [expect.objectContaining({ code: 'easyTerminal' })],
      comment: '很方便',
    });
    privacy(p);
  });

  it('取号: the ticket number the back office issued is printed', async () => {
    const receipts = kiosk.receipts.length;
    await begin(kiosk, 'queue-ticket');
    await kiosk.step('choose');
    await kiosk.send({ kind: 'choose', value: 'housingFund' });
    const done = await kiosk.step('done');
    expect(done).toBeDefined();
    const queued = (await api('/staff/queue')) as { themes: { themeId: string; next: string[] }[] };
    const label = queued.themes.find((q) => q.themeId === 'housing-fund')?.next.at(-1);
    expect(label).toMatch(/^B\d{3}$/);
    const slip = receiptsAfter(receipts).find((r) => r.includes(label!));
    expect(slip).toContain('住房公积金');
    // The template's own wording says it: the slip does not print it a second time.
    expect(slip!.split('过号请重新取号').length - 1).toBe(1);
    expect(await finish(kiosk)).toMatchObject({ reason: 'done', outcome: 'completed' });
  });

  it('预约签到: today’s appointment checked in, the slip with its number printed', async () => {
    const receipts = kiosk.receipts.length;
    await begin(kiosk, 'appointment-check-in');
    await tapIdCard(kiosk, worker.card);
    await kiosk.until(
      (k) => (k.view.step?.kind === 'choose' || k.view.step?.kind === 'done') && !k.view.busy,
      'an appointment',
    );
    if (kiosk.view.step?.kind === 'choose') {
      const first = kiosk.view.step.options[0]!.value;
      await kiosk.send({ kind: 'choose', value: first });
    }
    await kiosk.step('done');
    const slip = receiptsAfter(receipts).at(-1);
    expect(slip).toMatch(/[A-Z]\d{3}/);
    expect(slip).toContain(worker.name.slice(0, 1));
    expect(slip).not.toContain(worker.name);
    expect(await finish(kiosk)).toMatchObject({ reason: 'done', outcome: 'completed' });
    privacy(worker);
  });

  it('样表: the filled sample shown, the blank form printed on A4', async () => {
    await begin(kiosk, 'sample-forms');
    await kiosk.step('choose');
    await kiosk.send({ kind: 'choose', value: 'residence-permit' });
    const sample = await kiosk.step('sample');
    expect(sample.fields.find((f) => f.name === 'basis')).toBeDefined();
    await kiosk.send({ kind: 'next' });
    await kiosk.step('print');
    await kiosk.send({ kind: 'next' });
    await kiosk.step('done');
    const text = await lastA4Text();
    expect(text).toContain('居住证申领');
    expect(text).toContain('居住地址');
    expect(await finish(kiosk)).toMatchObject({ reason: 'done', outcome: 'completed' });
  });

  it('复印: two captured pages printed on A4, two pages out of the spooler', async () => {
    await begin(kiosk, 'copy');
    await kiosk.step('capture');
    const pages = await Promise.all([jpegPage('a4', 60, 1), jpegPage('a4', 60, 2)]);
    await kiosk.call('flow:capture', {
      material: 'copy',
      pages: pages.map((p) => ({ paper: 'a4' as const, data: p.toString('base64') })),
    });
    await kiosk.send({ kind: 'next' });
    await kiosk.step('done');
    const job = kiosk.a4Jobs().at(-1)!;
    const file = await queue.waitForOutput(job);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(await finish(kiosk)).toMatchObject({ reason: 'done', outcome: 'completed' });
    // The copied pages (someone's papers) are not kept: not as images, not in the PDF the host built.
    expectNothingPersonal(
      kiosk,
      [t.tmp],
      pages.map((p) => pageSecret(p)),
    );
  });
});
