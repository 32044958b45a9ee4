// Every service of the shipped catalogues walked start to finish with scripted device and back
// office answers, through the engine alone (tests/helpers/flow-driver.ts checks every view).
import { describe, expect, it } from 'vitest';
import { SERVICE_LIBRARY, parseCatalogue, shippedCatalogue } from '../../domain/catalogue';
import {
  BANK_CARD,
  FOREIGN_2017,
  HKMOTW,
  Journey,
  RESIDENT,
  SOCIAL_SECURITY,
} from '../../tests/helpers/flow-driver';
import { QR, RECORDS } from '../../tests/helpers/flow-records';

const FILED = { delivered: true, trackingNumber: 'YZ20261205-000042M', qrPayload: QR };

/** Walks to the last step and finishes; the session ends with no reminder left. */
function finish(j: Journey): void {
  expect(j.step?.kind).toBe('done');
  j.input({ kind: 'finish' });
  expect(j.view.phase).toBe('ended');
  expect(j.view.ended).toEqual({ reason: 'done', outcome: 'completed' });
  expect(j.log.at(-1)).toMatchObject({
    type: 'session.end',
    reason: 'done',
    outcome: 'completed',
    unresolved: [],
  });
}

const at = (j: Journey, kind: string) => expect(j.step?.kind).toBe(kind);

describe('hall services', () => {
  it('参保证明打印: guide → ID card → record shown → certificate printed → done', () => {
    const j = new Journey().start().choose('social-insurance-certificate');
    at(j, 'guide');
    expect(j.step).toMatchObject({ n: 1, m: 5 });
    j.input({ kind: 'next' });
    at(j, 'identify');
    expect(j.step).toMatchObject({
      kind: 'identify',
      accept: ['idCard', 'socialSecurityCard', 'qr'],
      reading: false,
    });
    j.device({ kind: 'card.inserted', role: 'idCard' });
    expect(j.step).toMatchObject({ reading: true });
    expect(j.view.busy).toEqual({ key: 'readingCard' });
    j.answer('device.readIdentity', RESIDENT);
    expect(j.view.identity).toEqual({
      method: 'idCard',
      name: '张晓明',
      idNumber: '110105********1238',
      cardType: 'resident',
    });
    at(j, 'lookup');
    const q = j.request('backoffice.query');
    expect(q).toMatchObject({
      query: 'socialInsuranceRecord',
      subject: { by: 'identity', identity: RESIDENT },
    });
    expect(j.view.busy).toEqual({ key: 'querying' });
    j.answer('backoffice.query', RECORDS.socialInsuranceRecord);
    expect(j.step).toMatchObject({
      kind: 'lookup',
      result: {
        table: {
          rows: expect.arrayContaining([expect.arrayContaining(['企业职工基本养老保险'])]) as unknown[],
        },
      },
    });
    j.input({ kind: 'next' });
    at(j, 'print');
    const print = j.request('print.a4');
    expect(print).toMatchObject({ doc: 'socialInsuranceCertificate', context: { identity: RESIDENT } });
    expect(print.context.records?.socialInsuranceRecord).toEqual(RECORDS.socialInsuranceRecord);
    expect(j.view.can.back).toBe(false);
    j.answer('print.a4');
    at(j, 'done');
    expect(j.step).toMatchObject({ n: 5, m: 5 });
    // The card is still on the reader: a reminder first, then the end.
    j.input({ kind: 'finish' });
    expect(j.view).toMatchObject({ phase: 'ending', reminders: [{ kind: 'cardLeft', role: 'idCard' }] });
    j.device({ kind: 'card.removed', role: 'idCard' });
    expect(j.view).toMatchObject({ phase: 'ended', ended: { reason: 'done', outcome: 'completed' } });
  });

  it('公积金缴存证明打印 with a social security card', () => {
    const j = new Journey().start().choose('housing-fund-certificate').input({ kind: 'next' });
    j.identify(SOCIAL_SECURITY, 'socialSecurityCard');
    expect(j.view.identity).toMatchObject({ method: 'socialSecurityCard', card: 'A1*****78' });
    j.answer('backoffice.query', RECORDS.housingFundAccount);
    expect(j.step).toMatchObject({
      kind: 'lookup',
      result: {
        rows: expect.arrayContaining([
          { label: expect.anything() as unknown, value: '4405*******9012' },
        ]) as unknown[],
      },
    });
    j.input({ kind: 'next' });
    j.answer('print.a4');
    j.device({ kind: 'card.removed', role: 'socialSecurityCard' });
    finish(j);
  });

  it('个体工商户设立登记 秒批 approved: prefilled identity → form → premises proof → confirm → filed → licence and slip printed → rated', () => {
    const j = new Journey().start('card');
    // A card placed at the attract screen identifies the citizen before any service is chosen.
    j.device({ kind: 'card.inserted', role: 'idCard' }).answer('device.readIdentity', RESIDENT);
    expect(j.view).toMatchObject({ phase: 'browsing', identity: { name: '张晓明' } });
    j.choose('sole-proprietor-registration');
    at(j, 'guide');
    expect(j.step?.m).toBe(10); // identify is already satisfied and not counted
    j.input({ kind: 'next' });
    at(j, 'form');
    j.input({ kind: 'form', values: { businessName: 'x' } });
    expect(j.step).toMatchObject({
      kind: 'form',
      errors: expect.arrayContaining([
        { path: 'businessName', message: expect.any(String) as string },
      ]) as unknown[],
    });
    const form = {
      businessName: '东城区晓明打字复印店',
      ownerType: 'naturalPerson',
      businessScope: ['打字复印'],
      address: '北京市东城区东四北大街100号',
      phone: '13800138000',
    };
    j.input({ kind: 'form', values: form });
    at(j, 'elicences');
    expect(j.request('backoffice.query')).toMatchObject({ query: 'elicences', subject: { by: 'identity' } });
    j.answer('backoffice.query', RECORDS.elicences).input({ kind: 'next' });
    at(j, 'capture');
    j.input({ kind: 'next' });
    expect(j.step).toMatchObject({ kind: 'capture', error: 'missingMaterials' });
    j.input({ kind: 'capture', material: 'premisesProof', ref: 'scan-1', pages: 2 });
    j.input({ kind: 'next' });
    at(j, 'confirm');
    expect(j.step).toMatchObject({
      rows: expect.arrayContaining([
        { label: { zh: '证件号码', en: 'ID number' }, value: '110105********1238' },
      ]) as unknown[],
      materials: [{ name: { zh: '经营场所使用证明', en: 'Proof of the premises' }, pages: 2 }],
      delivery: { zh: '本机打印', en: 'Printed here' },
    });
    j.input({ kind: 'next' });
    const submit = j.request('backoffice.submit');
    expect(submit).toMatchObject({
      serviceId: 'sole-proprietor-registration',
      applicant: { idNumber: RESIDENT.idNumber, name: '张晓明', phone: '13800138000' },
      form,
      delivery: { method: 'print' },
      materials: [{ kind: 'premisesProof', name: '经营场所使用证明', refs: ['scan-1'], pages: 2 }],
    });
    expect(submit.localId).toBe(submit.key);
    expect(j.view.busy).toEqual({ key: 'submitting' });
    j.answer('backoffice.submit', { localId: submit.localId, ...FILED });
    at(j, 'waitResult');
    expect(j.request('backoffice.awaitResult').localId).toBe(submit.localId);
    j.answer('backoffice.awaitResult', { decision: 'approved' });
    at(j, 'print');
    expect(j.requests('print.a4').map((p) => p.doc)).toEqual(['resultNotice']);
    expect(j.request('print.receipt')).toMatchObject({
      doc: 'acceptanceSlip',
      context: { trackingNumber: FILED.trackingNumber, qrPayload: QR },
    });
    j.answer('print.a4').device({ kind: 'receipt.presented' }).answer('print.receipt');
    at(j, 'rate');
    expect(j.view.reminders).toEqual([{ kind: 'receiptNotTaken' }]);
    j.device({ kind: 'receipt.taken' });
    j.input({ kind: 'rate', rating: { level: 5, options: ['fast'] } });
    expect(j.request('backoffice.rate')).toMatchObject({
      trackingNumber: FILED.trackingNumber,
      serviceId: 'sole-proprietor-registration',
      rating: { level: 5, options: ['fast'] },
    });
    j.answer('backoffice.rate');
    at(j, 'done');
    expect(j.step).toMatchObject({ message: { zh: expect.stringMatching(/^准予设立登记/) as string } });
    expect(j.step).toMatchObject({
      rows: [{ label: { zh: '受理编号', en: 'Tracking number' }, value: FILED.trackingNumber }],
    });
    j.device({ kind: 'card.removed', role: 'idCard' });
    finish(j);
  });

  it('个体工商户设立登记 秒批 not approved: filed for review, only the slip prints', () => {
    const j = new Journey().start().choose('sole-proprietor-registration').input({ kind: 'next' });
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    j.input({
      kind: 'form',
      values: {
        businessName: '晓明餐馆',
        ownerType: 'naturalPerson',
        businessScope: ['餐饮服务'],
        address: '北京市东城区1号',
      },
    });
    j.answer('backoffice.query', RECORDS.elicences).input({ kind: 'next' });
    j.input({ kind: 'capture', material: 'premisesProof', ref: 'scan-1', pages: 1 })
      .input({ kind: 'next' })
      .input({ kind: 'next' });
    j.answer('backoffice.submit', { localId: j.request('backoffice.submit').localId, ...FILED });
    expect(j.step?.m).toBe(11);
    j.answer('backoffice.awaitResult', { decision: 'review' });
    expect(j.requests('print.a4')).toEqual([]);
    j.answer('print.receipt');
    j.input({ kind: 'skip' }); // no rating
    expect(j.step).toMatchObject({
      kind: 'done',
      message: { zh: expect.stringMatching(/^申请已受理，转人工审核/) as string },
    });
    finish(j);
  });

  it('个体工商户设立登记 with an e-licence attached: its number never reaches the page, no photo needed', () => {
    const j = new Journey().start().choose('sole-proprietor-registration').input({ kind: 'next' });
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    j.input({
      kind: 'form',
      values: SERVICE_LIBRARY.find((s) => s.serviceId === 'sole-proprietor-registration')!.sampleForm!,
    });
    j.answer('backoffice.query', RECORDS.elicencesHeld);
    expect(j.step).toMatchObject({
      kind: 'elicences',
      items: [
        { id: '0', licenceType: '不动产权证书' },
        { id: '1', licenceType: '居民身份证', number: '1101**********1238' },
      ],
      selected: [],
    });
    j.input({ kind: 'elicences', selected: ['0', '0', '7'] });
    expect(j.step).toMatchObject({ selected: ['0'] });
    j.input({ kind: 'next' });
    at(j, 'confirm'); // the premises proof is the e-licence: nothing to photograph
    j.input({ kind: 'next' });
    expect(j.request('backoffice.submit')).toMatchObject({
      elicences: ['粤(2021)汕头市不动产权第0012345号'],
      materials: [],
    });
  });

  it('居住证申领: prefilled from the card (locked), papers into a locker, slip printed', () => {
    const j = new Journey().start().choose('residence-permit').input({ kind: 'next' });
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    at(j, 'form');
    const fields = Object.fromEntries(
      (j.step as { fields: { name: string }[] }).fields.map((f) => [f.name, f]),
    );
    expect(fields.name).toMatchObject({ value: '张晓明', locked: true, input: 'pinyin' });
    expect(fields.idNumber).toEqual(expect.objectContaining({ display: '110105********1238', locked: true }));
    expect(fields.idNumber).not.toHaveProperty('value');
    expect(fields.gender).toMatchObject({ value: 'male', locked: true });
    expect(fields.birthDate).toMatchObject({ value: '2000-01-01' });
    expect(fields.hukouAddress).toMatchObject({ value: RESIDENT.address, locked: false });
    // The page cannot change what the card says.
    j.input({
      kind: 'form',
      values: {
        name: '李四',
        idNumber: '11010519491231002X',
        hukouAddress: RESIDENT.address,
        residenceAddress: '广东省汕头市龙湖区长平路88号3栋502房',
        residenceSince: '2025-03-01',
        basis: 'housing',
        phone: '13800138000',
      },
    });
    at(j, 'capture');
    j.input({ kind: 'capture', material: 'photo', ref: 'photo-1', pages: 1 }).input({ kind: 'next' });
    at(j, 'choose');
    j.input({ kind: 'choose', value: 'locker' });
    at(j, 'confirm'); // the papers capture is skipped: they go into a locker
    j.input({ kind: 'next' });
    const submit = j.request('backoffice.submit');
    expect(submit.applicant).toEqual({ idNumber: RESIDENT.idNumber, name: '张晓明', phone: '13800138000' });
    expect(submit.form).toMatchObject({
      name: '张晓明',
      idNumber: RESIDENT.idNumber,
      gender: 'male',
      birthDate: '2000-01-01',
    });
    expect(submit.delivery).toEqual({ method: 'locker' });
    j.answer('backoffice.submit', { localId: submit.localId, ...FILED });
    at(j, 'lockerDeposit');
    expect(j.request('locker.open')).toMatchObject({
      purpose: 'deposit',
      trackingNumber: FILED.trackingNumber,
    });
    j.answer('locker.open', { door: 'A-07' }).device({ kind: 'door.opened', door: 'A-07' });
    expect(j.step).toMatchObject({ kind: 'lockerDeposit', state: 'open', door: 'A-07' });
    expect(j.view.reminders).toEqual([{ kind: 'doorOpen', door: 'A-07' }]);
    j.device({ kind: 'door.closed', door: 'A-07' });
    expect(j.request('locker.commit')).toMatchObject({
      purpose: 'deposit',
      door: 'A-07',
      trackingNumber: FILED.trackingNumber,
    });
    j.answer('locker.commit');
    at(j, 'print');
    j.answer('print.receipt');
    j.input({ kind: 'rate', rating: { level: 2, options: ['tooManyMaterials'], text: '照片要拍好几次' } });
    j.answer('backoffice.rate');
    finish(j);
  });

  it('居住证申领 refuses a card whose number its form cannot take, before anything is typed', () => {
    const j = new Journey().start().choose('residence-permit').input({ kind: 'next' });
    j.identify(HKMOTW);
    expect(j.view.fault).toEqual({ code: 'invalidIdentity', options: ['counter', 'end'] });
    expect(j.view.identity).toBeUndefined();
  });

  it('不动产登记信息查询: shown, printing is the citizen’s choice', () => {
    const j = new Journey().start().choose('real-estate-query').input({ kind: 'next' });
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    j.answer('backoffice.query', RECORDS.realEstate);
    expect(j.step).toMatchObject({
      result: { table: { rows: [expect.arrayContaining(['96.50', '抵押'])] } },
    });
    j.input({ kind: 'next' });
    expect(j.step).toMatchObject({ kind: 'print', asking: true });
    expect(j.requests('print.a4')).toEqual([]);
    j.input({ kind: 'next' });
    j.answer('print.a4');
    finish(j);
  });

  it('办件进度查询 by scanning the receipt QR (no card needed)', () => {
    const j = new Journey().start().choose('progress-query');
    expect(j.step).toMatchObject({ kind: 'identify', orCode: 'receiptQr', accept: ['idCard'] });
    expect(j.request('scanner.listen').code).toBe('receiptQr');
    j.answer('scanner.listen', { value: QR });
    // The card watch stops with the step.
    expect(j.requests('device.readIdentity')).toEqual([]);
    expect(j.request('backoffice.query')).toMatchObject({
      query: 'progress',
      subject: { by: 'code', code: 'receiptQr', value: QR },
    });
    j.answer('backoffice.query', RECORDS.progress);
    expect(j.step).toMatchObject({
      result: {
        table: {
          rows: [
            [
              'YZ20261123-000123K',
              'residence-permit',
              '已受理，审核中 / Accepted, under review',
              '2026-11-24 10:00',
            ],
          ],
        },
      },
    });
    j.input({ kind: 'next' });
    finish(j);
  });

  it('办件进度查询 by ID card', () => {
    const j = new Journey().start().choose('progress-query');
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    expect(j.request('backoffice.query').subject).toEqual({ by: 'identity', identity: RESIDENT });
    expect(j.requests('scanner.listen')).toEqual([]);
    j.answer('backoffice.query', RECORDS.progressTwo).input({ kind: 'next' });
    finish(j);
  });

  it('材料投递: tracking number typed on the keypad → filing found → door → slip', () => {
    const j = new Journey().start().choose('material-deposit').input({ kind: 'next' });
    expect(j.step).toMatchObject({ kind: 'enterCode', code: 'trackingNumber', input: 'letters', scan: true });
    j.input({ kind: 'code', value: 'YZ2026-12' });
    expect(j.step).toMatchObject({ error: 'format' });
    j.input({ kind: 'code', value: 'yz20261123-000123k' });
    expect(j.request('backoffice.query')).toMatchObject({
      query: 'filing',
      subject: { by: 'code', code: 'trackingNumber', value: 'YZ20261123-000123K' },
    });
    j.answer('backoffice.query', RECORDS.filing);
    expect(j.step).toMatchObject({ kind: 'lookup', result: { rows: expect.any(Array) as unknown } });
    j.input({ kind: 'next' });
    at(j, 'lockerDeposit');
    j.answer('locker.open', { door: 'B-02' });
    // A door sensor that reports nothing must not trap the citizen: "I have closed it" is accepted.
    j.input({ kind: 'next' });
    j.answer('locker.commit');
    j.answer('print.receipt');
    expect(j.step).toMatchObject({ kind: 'done', message: { zh: '材料已投递，请保管好投递凭条。' } });
    finish(j);
  });

  it('材料投递 for a filing that needs nothing: told so, no door opens', () => {
    const j = new Journey().start().choose('material-deposit').input({ kind: 'next' });
    j.answer('scanner.listen', { value: QR });
    expect(j.request('backoffice.query').subject).toEqual({ by: 'code', code: 'receiptQr', value: QR });
    j.answer('backoffice.query', { ...RECORDS.filing, acceptsDeposit: false }).input({ kind: 'next' });
    expect(j.step).toMatchObject({ kind: 'notice', tone: 'warning' });
    j.input({ kind: 'next' });
    expect(j.log.some((e) => e.type === 'locker.open')).toBe(false);
    expect(j.step).toMatchObject({ kind: 'done', message: { zh: '未投递材料。' } });
    finish(j);
  });

  it('结果领取 with a pickup code', () => {
    const j = new Journey().start().choose('result-pickup');
    expect(j.step).toMatchObject({ kind: 'identify', orCode: 'pickupCode' });
    j.input({ kind: 'code', value: '4821 ' });
    expect(j.step).toMatchObject({ kind: 'identify' });
    j.input({ kind: 'code', value: '482190' });
    expect(j.request('locker.open')).toMatchObject({
      purpose: 'pickup',
      subject: { by: 'code', code: 'pickupCode', value: '482190' },
    });
    j.answer('locker.open', { door: 'C-11' })
      .device({ kind: 'door.opened', door: 'C-11' })
      .device({ kind: 'door.closed', door: 'C-11' });
    expect(j.request('locker.commit')).toMatchObject({ purpose: 'pickup', door: 'C-11' });
    j.answer('locker.commit');
    finish(j);
  });

  it('结果领取 by ID card', () => {
    const j = new Journey().start().choose('result-pickup');
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    expect(j.request('locker.open').subject).toEqual({ by: 'identity', identity: RESIDENT });
    j.answer('locker.open', { door: 'C-11' })
      .device({ kind: 'door.opened', door: 'C-11' })
      .device({ kind: 'door.closed', door: 'C-11' });
    j.answer('locker.commit');
    finish(j);
  });

  it('好差评 of a past filing chosen from the citizen’s list', () => {
    const j = new Journey().start().choose('rating');
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    j.answer('backoffice.query', RECORDS.progressTwo);
    expect(j.step).toMatchObject({
      kind: 'choose',
      key: 'filing',
      options: [
        { value: 'YZ20261123-000123K', label: { zh: '居住证申领' } },
        { value: 'YZ20261120-000007M', label: { zh: '个体工商户设立登记' } },
      ],
    });
    j.input({ kind: 'choose', value: 'YZ20261120-000007M' });
    expect(j.step).toMatchObject({
      kind: 'rate',
      subject: { trackingNumber: 'YZ20261120-000007M' },
      optional: false,
    });
    j.input({ kind: 'skip' });
    expect(j.step?.kind).toBe('rate'); // rating is the point of this service
    j.input({ kind: 'rate', rating: { level: 1, options: [] } });
    expect(j.step).toMatchObject({ error: [{ path: 'options' }] });
    j.input({ kind: 'rate', rating: { level: 1, options: ['slow', 'notDone'] } });
    expect(j.request('backoffice.rate')).toMatchObject({
      trackingNumber: 'YZ20261120-000007M',
      serviceId: 'sole-proprietor-registration',
    });
    j.answer('backoffice.rate');
    finish(j);
  });

  it('好差评 by receipt QR: the one filing is chosen without asking', () => {
    const j = new Journey().start().choose('rating');
    j.answer('scanner.listen', { value: QR });
    j.answer('backoffice.query', RECORDS.progress);
    expect(j.step).toMatchObject({ kind: 'rate', subject: { trackingNumber: 'YZ20261123-000123K' } });
  });

  it('取号: theme → ticket with the number waiting ahead → printed', () => {
    const j = new Journey().start().choose('queue-ticket');
    expect(j.step).toMatchObject({ kind: 'choose', key: 'theme', n: 1, m: 4 });
    j.input({ kind: 'choose', value: 'registration' });
    expect(j.request('backoffice.queueTicket')).toMatchObject({ theme: 'registration' });
    expect(j.view.busy).toEqual({ key: 'issuingTicket' });
    j.answer('backoffice.queueTicket', { number: 'B023', waiting: 4, counter: '注册登记类 5–9号窗口' });
    expect(j.request('print.receipt')).toMatchObject({
      doc: 'queueTicket',
      context: { ticket: { number: 'B023', waiting: 4 } },
    });
    j.answer('print.receipt');
    expect(j.step).toMatchObject({ rows: [{ value: 'B023' }, { value: '4' }] });
    finish(j);
  });

  it('预约签到: the one booked appointment is checked in and a slip printed', () => {
    const j = new Journey().start().choose('appointment-check-in');
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    j.answer('backoffice.query', RECORDS.appointments);
    expect(j.request('backoffice.checkIn')).toMatchObject({ appointmentId: 'appt-1', identity: RESIDENT });
    j.answer('backoffice.checkIn', { number: 'A105', waiting: 2 });
    j.answer('print.receipt');
    finish(j);
  });

  it('样表: the filled sample of a chosen service on screen, the blank form on A4', () => {
    const j = new Journey().start().choose('sample-forms');
    const options = (j.step as { options: { value: string }[] }).options.map((o) => o.value);
    expect(options).toEqual(['sole-proprietor-registration', 'residence-permit']);
    j.input({ kind: 'choose', value: 'residence-permit' });
    expect(j.step).toMatchObject({ kind: 'sample', service: { zh: '居住证申领' } });
    const fields = (j.step as { fields: { name: string; value?: unknown; display?: string }[] }).fields;
    expect(fields.find((f) => f.name === 'residenceAddress')?.value).toBe(
      '广东省汕头市龙湖区长平路88号3栋502房',
    );
    expect(fields.find((f) => f.name === 'idNumber')).toMatchObject({ display: '110105********1238' });
    j.input({ kind: 'next' });
    j.input({ kind: 'next' });
    expect(j.request('print.a4')).toMatchObject({
      doc: 'blankForm',
      context: { formServiceId: 'residence-permit' },
    });
    j.answer('print.a4');
    finish(j);
  });

  it('复印: pages captured within the session’s page limit, printed on A4', () => {
    const j = new Journey().start().choose('copy');
    j.input({ kind: 'capture', material: 'copy', ref: 'p1', pages: 6 });
    j.input({ kind: 'capture', material: 'copy', ref: 'p2', pages: 5 });
    expect(j.step).toMatchObject({ kind: 'capture', error: 'tooManyPages', pagesUsed: 6, pageLimit: 10 });
    j.input({ kind: 'capture', material: 'copy', ref: 'p2', pages: 4 });
    expect(j.step).toMatchObject({ pagesUsed: 10 });
    j.input({ kind: 'next' });
    expect(j.request('print.a4')).toMatchObject({
      doc: 'copies',
      context: { materials: [{ kind: 'copy', refs: ['p1', 'p2'], pages: 10 }] },
    });
    j.answer('print.a4');
    finish(j);
  });

  it('综合申请 (enabled by a site): delivery chosen, filed while the back office is down, saved for later', () => {
    const site = parseCatalogue(
      [SERVICE_LIBRARY.find((s) => s.serviceId === 'generic-application')],
      'hall',
    ).catalogue;
    const j = new Journey(site).start().choose('generic-application').input({ kind: 'next' });
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    j.input({ kind: 'form', values: { subject: '申请开具无犯罪记录证明' } });
    j.input({ kind: 'next' }); // materials are optional here
    j.input({ kind: 'choose', value: 'locker' }).input({ kind: 'next' });
    const submit = j.request('backoffice.submit');
    expect(submit.delivery).toEqual({ method: 'locker' });
    // Durable in the outbox, not delivered: no tracking number yet, so no rating either.
    j.answer('backoffice.submit', { localId: submit.localId, delivered: false });
    expect(j.request('print.receipt').context).toMatchObject({ localId: submit.localId });
    j.answer('print.receipt');
    expect(j.step).toMatchObject({
      kind: 'done',
      message: { zh: expect.stringMatching(/^申请已保存在本机/) as string },
    });
    finish(j);
  });
});

describe('bank STM services', () => {
  const stm = () => new Journey(shippedCatalogue('stm')).start();

  it('offers only cards an STM reads', () => {
    const j = stm().choose('social-insurance-payments');
    expect(j.step).toMatchObject({ kind: 'identify', accept: ['socialSecurityCard', 'bankCard'] });
  });

  it('参保缴费记录 with a social security card, printed on a receipt', () => {
    const j = stm().choose('social-insurance-payments');
    j.identify(SOCIAL_SECURITY, 'socialSecurityCard');
    j.answer('backoffice.query', RECORDS.socialInsurancePayments).input({ kind: 'next' });
    expect(j.request('print.receipt').doc).toBe('paymentHistory');
    j.answer('print.receipt').device({ kind: 'card.removed', role: 'socialSecurityCard' });
    finish(j);
  });

  it('医保账户余额 with a bank card (the provider resolves the account)', () => {
    const j = stm().choose('medical-insurance-balance');
    j.identify(BANK_CARD, 'bankCard');
    expect(j.view.identity).toEqual({ method: 'bankCard', card: '622202*********0128' });
    expect(j.request('backoffice.query').subject).toEqual({ by: 'identity', identity: BANK_CARD });
    j.answer('backoffice.query', RECORDS.medicalInsuranceBalance);
    expect(j.step).toMatchObject({
      result: { rows: [{ value: '¥3,216.40' }, { value: '2026-12-04' }, {}, {}] },
    });
    j.input({ kind: 'next' }).device({ kind: 'card.removed', role: 'bankCard' });
    finish(j);
  });

  it('公积金余额 and 缴存证明 in one session: another service keeps the card’s identity', () => {
    const j = stm().choose('housing-fund-balance');
    j.identify(BANK_CARD, 'bankCard');
    j.answer('backoffice.query', RECORDS.housingFundAccount).input({ kind: 'next' });
    j.input({ kind: 'another' });
    expect(j.view).toMatchObject({ phase: 'browsing', identity: { method: 'bankCard' } });
    j.choose('housing-fund-certificate').input({ kind: 'next' });
    expect(j.step?.kind).toBe('lookup'); // identified already
    j.answer('backoffice.query', RECORDS.housingFundAccount).input({ kind: 'next' });
    j.answer('print.a4');
    j.input({ kind: 'finish' });
    expect(j.view.reminders).toEqual([{ kind: 'cardLeft', role: 'bankCard' }]);
    j.device({ kind: 'card.removed', role: 'bankCard' });
    expect(j.view.ended).toEqual({ reason: 'done', outcome: 'completed' });
    // Two visits in one session: their requests never share a key.
    const keys = j.log.flatMap((e) => ('key' in e && e.type === 'backoffice.query' ? [e.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('every identity kind can file', () => {
  it.each([
    ['2017 foreign permanent-residence card', FOREIGN_2017],
    ['HK/Macau/Taiwan residence permit', HKMOTW],
  ])('%s files a sole proprietor registration', (_kind, card) => {
    const j = new Journey().start().choose('sole-proprietor-registration').input({ kind: 'next' });
    j.identify(card);
    expect(j.view.identity?.cardType).toBe(card.idKind);
    j.input({
      kind: 'form',
      values: {
        businessName: '晓明打字复印店',
        ownerType: 'naturalPerson',
        businessScope: ['打字复印'],
        address: '北京市东城区1号',
      },
    });
    j.answer('backoffice.query', RECORDS.elicences).input({ kind: 'next' });
    j.input({ kind: 'capture', material: 'premisesProof', ref: 'scan-1', pages: 1 })
      .input({ kind: 'next' })
      .input({ kind: 'next' });
    expect(j.request('backoffice.submit').applicant).toEqual({ idNumber: card.idNumber, name: card.name });
  });
});

it('every shipped service is walked by a test above (a new service needs its walk)', () => {
  const walked = [
    'social-insurance-certificate',
    'housing-fund-certificate',
    'sole-proprietor-registration',
    'residence-permit',
    'real-estate-query',
    'progress-query',
    'material-deposit',
    'result-pickup',
    'rating',
    'queue-ticket',
    'appointment-check-in',
    'sample-forms',
    'copy',
    'generic-application',
    'social-insurance-payments',
    'medical-insurance-balance',
    'housing-fund-balance',
  ];
  expect(SERVICE_LIBRARY.map((s) => s.serviceId).sort()).toEqual([...walked].sort());
});
