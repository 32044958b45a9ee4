// Every service of the bank STM profile (社保 / 医保 / 公积金), through the host API: identified by
// the social security card in the PC/SC reader (its ID number and name read from the chip), the
// records from the back office's provider, the payment history on the receipt printer, the
// certificate on A4; a bank card identifies the customer too, but no provider resolves an account
// to a person yet, so its look-ups are refused with a referral to the counter.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shippedCatalogue } from '../../../domain/catalogue/catalogue';
import { maskAccount, maskIdNumber, maskPan } from '../../../domain/identity';
import { createPdfQueue, pdfText, type PdfQueue } from '../../helpers/cups';
import { begin, expectNothingPersonal, finish, leave } from '../../helpers/journey-steps';
import { startBackoffice, startKiosk, testDir, type Kiosk } from '../../helpers/kiosk-rig';
import { callApi, staffLogin, type TestService } from '../../helpers/outbox-service';
import { secretsOf } from '../../helpers/privacy';

vi.setConfig({ testTimeout: 60_000 });

/** The chip of devices/pcsc-reader/fixtures/ssc-gen3.json. */
const HOLDER = { name: '欧阳娜娜', idNumber: '320102198811230459', cardNumber: 'C23456789' };
const PAN = '6222021234567890128';

const t = testDir('yizhan-stm-journeys');
let bo: TestService;
let queue: PdfQueue;
let stm: Kiosk;

beforeAll(async () => {
  bo = await startBackoffice(t.dir);
  queue = await createPdfQueue('yz-stm');
  // A bank's back office pushes no hall catalogue: the STM runs the catalogue of its profile. (A fresh
  // back office seeds the hall's, which an STM would filter down to the one service both share.)
  const technician = await staffLogin(bo.url, 'technician');
  await callApi(`${bo.url}/api/v1/staff/config`, {
    method: 'PUT',
    token: technician,
    json: { catalogue: [] },
  });
  stm = await startKiosk({
    dir: t.dir,
    backoffice: bo,
    kioskId: 'stm-journeys',
    profile: 'stm',
    a4Queue: queue.name,
  });
}, 90_000);
afterAll(async () => {
  await stm?.stop();
  await bo?.stop();
  queue?.remove();
  t.remove();
});

/** The customer inserts their social security card on the identify step. */
async function insertCard(k: Kiosk, card = 'ssc-gen3' as const): Promise<void> {
  await k.until((x) => x.view.step?.kind === 'identify' && !x.view.busy, 'the identify step');
  await k.cards.insert(card);
  await k.until((x) => x.view.step?.kind !== 'identify' || x.view.fault, 'the card read');
}

const privacy = () => expectNothingPersonal(stm, [t.tmp], secretsOf({ ...HOLDER, pan: PAN }));

describe('the STM catalogue', () => {
  it('lists the 社保 / 医保 / 公积金 subset and nothing else', async () => {
    const list = await stm.call('catalogue:list');
    expect(list.profile).toBe('stm');
    expect(list.services.map((s) => s.serviceId)).toEqual(
      shippedCatalogue('stm').services.map((s) => s.serviceId),
    );
  });

  it('参保缴费记录: read from the social security card, printed month by month on a slip', async () => {
    const from = stm.receipts.length;
    await begin(stm, 'social-insurance-payments');
    await insertCard(stm);
    expect(stm.view.identity).toEqual({
      method: 'socialSecurityCard',
      name: HOLDER.name,
      idNumber: maskIdNumber(HOLDER.idNumber),
      cardType: 'resident',
      card: maskAccount(HOLDER.cardNumber),
    });
    const payments = await stm.step('lookup');
    const months = payments.result?.table?.rows ?? [];
    expect(months.length).toBeGreaterThan(0);
    await stm.send({ kind: 'next' });
    await stm.step('done');
    const slip = stm.receipts.slice(from).find((r) => r.includes('参保缴费记录'));
    expect(slip).toBeDefined();
    expect(slip).toContain(maskIdNumber(HOLDER.idNumber));
    expect(slip).not.toContain(HOLDER.idNumber);
    expect(slip).not.toContain(HOLDER.name);
    expect(slip).toMatch(/\d{4}年\d{2}月\s+[\d,]+\.\d{2}\/[\d,]+\.\d{2}/);
    expect(await finish(stm)).toEqual({ reason: 'done', outcome: 'completed' });
    privacy();
  });

  it('医保账户余额: the balance shown from the provider', async () => {
    await begin(stm, 'medical-insurance-balance');
    await insertCard(stm);
    const balance = await stm.step('lookup');
    expect(balance.query).toBe('medicalInsuranceBalance');
    expect(JSON.stringify(balance.result)).toMatch(/\d+\.\d{2}/);
    await stm.send({ kind: 'next' });
    expect(await finish(stm)).toEqual({ reason: 'done', outcome: 'completed' });
    privacy();
  });

  it('公积金余额: the account (masked) and balance shown', async () => {
    await begin(stm, 'housing-fund-balance');
    await insertCard(stm);
    const account = await stm.step('lookup');
    expect(account.query).toBe('housingFundAccount');
    expect(JSON.stringify(account.result)).toContain('正常缴存');
    await stm.send({ kind: 'next' });
    expect(await finish(stm)).toEqual({ reason: 'done', outcome: 'completed' });
    privacy();
  });

  it('公积金缴存证明: the certificate printed on A4 from the social security card', async () => {
    await begin(stm, 'housing-fund-certificate');
    await stm.send({ kind: 'next' });
    await insertCard(stm);
    await stm.step('lookup');
    await stm.send({ kind: 'next' });
    await stm.step('done');
    const text = pdfText(await queue.waitForOutput(stm.a4Jobs().at(-1)!));
    expect(text).toContain(HOLDER.name);
    expect(text).toContain(maskIdNumber(HOLDER.idNumber));
    expect(await finish(stm)).toEqual({ reason: 'done', outcome: 'completed' });
    privacy();
  });

  it('a bank card identifies the customer (PAN masked), but its look-up is referred to the counter', async () => {
    await begin(stm, 'medical-insurance-balance');
    await stm.until((x) => x.view.step?.kind === 'identify' && !x.view.busy, 'the identify step');
    await stm.cards.insert('unionpay-debit');
    const fault = await stm.fault();
    expect(stm.view.identity).toEqual({ method: 'bankCard', card: maskPan(PAN) });
    expect(JSON.stringify(stm.view)).not.toContain(PAN);
    expect(fault).toEqual({ code: 'notConfigured', options: ['counter', 'end'] });
    await stm.send({ kind: 'fault', option: 'counter' });
    await stm.step('referral');
    await stm.send({ kind: 'finish' });
    expect(await leave(stm)).toEqual({ reason: 'done', outcome: 'referred' });
    privacy();
  });
});
