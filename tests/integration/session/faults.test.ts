// Faults in the middle of a journey, on the real host with simulated devices and the real back
// office: paper out while a certificate prints (the citizen told, the job held and printed once when
// paper is back, or left for collection at the counter), a jammed locker door, the card pulled during
// the read, and the back office down during a submission (durable here, delivered later).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  begin,
  doorOpened,
  expectNothingPersonal,
  fileElsewhere,
  finish,
  leave,
  soleProprietorToConfirm,
  tapIdCard,
} from '../../helpers/journey-steps';
import { startBackoffice, startKiosk, testDir, type Kiosk } from '../../helpers/kiosk-rig';
import { serverFilings, staffLogin, type TestService } from '../../helpers/outbox-service';
import { findPerson, person, type Person } from '../../helpers/people';
import { findSecrets, secretsOf } from '../../helpers/privacy';

vi.setConfig({ testTimeout: 90_000 });

const t = testDir('yizhan-session-faults');
let bo: TestService;
let kiosk: Kiosk;
let worker: Person;

beforeAll(async () => {
  bo = await startBackoffice(t.dir);
  // The in-memory spooler: its paper tray can run out (a cups-pdf queue has none).
  kiosk = await startKiosk({ dir: t.dir, backoffice: bo, kioskId: 'hall-faults' });
  worker = await findPerson({ insured: true });
}, 90_000);
afterAll(async () => {
  await kiosk?.stop();
  await bo?.stop();
  t.remove();
});

const privacy = (p: Person) => expectNothingPersonal(kiosk, [t.tmp], secretsOf(p));
const a4Jobs = () => kiosk.a4.submitted();

/**
 * On to the certificate's print step, the paper running out on the way (with the tray empty before
 * the citizen chose, the service would not be offered: its printer cannot print).
 */
async function certificateWithoutPaper(): Promise<string> {
  await begin(kiosk, 'social-insurance-certificate');
  await kiosk.send({ kind: 'next' });
  await tapIdCard(kiosk, worker.card);
  await kiosk.step('lookup');
  await kiosk.a4.paper('out');
  await kiosk.send({ kind: 'next' });
  return (await kiosk.fault()).code;
}

describe('paper out while printing a certificate', () => {
  it('is not offered while the tray is empty', async () => {
    await kiosk.a4.paper('out');
    const list = await kiosk.call('catalogue:list');
    expect(list.services.find((s) => s.serviceId === 'social-insurance-certificate')).toMatchObject({
      available: false,
      missing: ['a4Printer'],
    });
    expect(list.services.find((s) => s.serviceId === 'queue-ticket')?.available).toBe(true);
    await kiosk.a4.paper('ok');
  });

  it('tells the citizen, holds the job, and prints it once when paper is back', async () => {
    const before = a4Jobs().length;
    expect(await certificateWithoutPaper()).toBe('paperOut');
    expect(kiosk.view.fault?.options).toEqual(['wait', 'counter', 'end']);
    expect(kiosk.view.step?.kind).toBe('print');
    await kiosk.send({ kind: 'fault', option: 'wait' });
    // Nothing went to the spooler while the tray was empty.
    expect(a4Jobs().length).toBe(before);
    await kiosk.a4.paper('ok');
    await kiosk.step('done');
    const printed = a4Jobs().slice(before);
    expect(printed.map((j) => j.state)).toEqual(['completed']);
    expect(printed[0]!.name).toContain('参保证明');
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });
    privacy(worker);
  });

  it('or leaves it for collection at the counter: nothing comes out of the tray later', async () => {
    const before = a4Jobs().length;
    expect(await certificateWithoutPaper()).toBe('paperOut');
    await kiosk.send({ kind: 'fault', option: 'counter' });
    const referral = await kiosk.step('referral');
    expect(referral.code).toBe('paperOut');
    await kiosk.send({ kind: 'finish' });
    expect(await leave(kiosk)).toEqual({ reason: 'done', outcome: 'referred' });
    const given = await kiosk.until(
      (k) => k.log.lines.find((l) => l.event === 'print.leftForCollection'),
      'the held job given up',
    );
    expect(given.fields.doc).toBe('socialInsuranceCertificate');
    await kiosk.a4.paper('ok');
    // The printer is ready again and polled: still nothing of the given-up certificate is printed.
    await kiosk.until(
      (k) => k.registry.list().find((d) => d.deviceId === 'a4-printer-1')?.condition === 'ready',
      'the A4 printer ready',
    );
    expect(a4Jobs().slice(before)).toEqual([]);
    privacy(worker);
  });
});

describe('locker and card faults', () => {
  it('a jammed door: the citizen is told, and on retry another door opens', async () => {
    const p = person('1991-01-21', 111, '陈思远');
    const clerk = await staffLogin(bo.url, 'clerk');
    const filing = await fileElsewhere(bo, p);
    const free = kiosk.registry.services
      .lockers!.occupancy()
      .find((d) => d.state === 'closed' && !d.itemPresent)!;
    kiosk.lockers.jam(1, free.door);
    await begin(kiosk, 'material-deposit');
    await kiosk.send({ kind: 'next' });
    await kiosk.step('enterCode');
    await kiosk.send({ kind: 'code', value: filing.trackingNumber });
    await kiosk.step('lookup');
    await kiosk.send({ kind: 'next' });
    const fault = await kiosk.fault();
    expect(fault).toEqual({ code: 'doorJammed', options: ['retry', 'counter', 'end'] });
    expect(kiosk.lockers.isOpen(1, free.door)).toBe(false);
    await kiosk.send({ kind: 'fault', option: 'retry' });
    const { door } = await doorOpened(kiosk, 'lockerDeposit');
    expect(door).not.toBe(free.door);
    expect(kiosk.lockers.isOpen(1, door)).toBe(true);
    kiosk.lockers.close(1, door);
    await kiosk.step('done');
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });
    kiosk.lockers.free(1, free.door);
    const mine = (await serverFilings(bo.url, clerk)).find((f) => f.trackingNumber === filing.trackingNumber);
    expect(mine).toBeDefined();
    privacy(p);
  });

  it('the card pulled during the read: told, read again, then on', async () => {
    await begin(kiosk, 'housing-fund-certificate');
    await kiosk.send({ kind: 'next' });
    await kiosk.until((k) => k.view.step?.kind === 'identify' && !k.view.busy, 'the identify step');
    kiosk.idCard.setFault('readFail', true);
    kiosk.idCard.place(worker.card);
    await kiosk.until((k) => k.view.busy?.key === 'readingCard', 'the card being read');
    kiosk.idCard.remove();
    expect(await kiosk.fault()).toEqual({ code: 'cardRemoved', options: ['retry', 'end'] });
    kiosk.idCard.setFault('readFail', false);
    await kiosk.send({ kind: 'fault', option: 'retry' });
    kiosk.idCard.place(worker.card);
    await kiosk.until((k) => (k.view.step?.kind === 'lookup' ? k.view.step : undefined), 'the look-up');
    expect(kiosk.view.identity?.name).toBe(worker.name);
    await kiosk.call('session:cancel');
    expect(await leave(kiosk)).toMatchObject({ reason: 'cancel' });
    privacy(worker);
  });
});

describe('the back office down during a submission', () => {
  it('the filing is durable here, the citizen told it is saved, and it is delivered once the back office is back', async () => {
    const owner = person('1992-08-08', 222, '周文斌');
    await soleProprietorToConfirm(kiosk, owner, {
      businessName: '东城区文斌家政服务部',
      businessScope: ['家政服务'],
      address: '北京市东城区和平里东街18号',
    });
    await bo.stop();
    const receipts = kiosk.receipts.length;
    await kiosk.send({ kind: 'next' });
    const done = await kiosk.step('done');
    expect(done.message.zh).toContain('申请已保存在本机');
    const slip = kiosk.receipts.slice(receipts).find((r) => r.includes('申请已保存'));
    expect(slip).toBeDefined();
    expect(slip).not.toContain(owner.idNumber);
    expect(await finish(kiosk)).toEqual({ reason: 'done', outcome: 'completed' });

    // Durable while the back office is away: the outbox holds it, and only the outbox holds the person.
    expect(kiosk.host.session.view().phase).toBe('ended');
    const held = findSecrets([kiosk.dataDir, kiosk.logFile, t.tmp], secretsOf(owner));
    expect(held.length).toBeGreaterThan(0);
    expect(new Set(held.map((h) => path.basename(h.file).replace(/-wal$/, '')))).toEqual(
      new Set(['outbox.sqlite']),
    );
    await bo.start();
    const delivered = await kiosk.until(
      (k) => k.log.lines.find((l) => l.event === 'filingDelivered'),
      'the filing delivered after the outage',
      60_000,
    );
    const clerk = await staffLogin(bo.url, 'clerk');
    const filing = (await serverFilings(bo.url, clerk)).find((f) => f.filingId === delivered.fields.filingId);
    expect(filing).toMatchObject({ kioskId: 'hall-faults' });
    expect(filing!.form).toMatchObject({ businessName: '东城区文斌家政服务部' });
    expect(filing!.materials).toEqual([expect.objectContaining({ kind: 'premisesProof' })]);
    // Delivered: the kiosk keeps no personal part of it.
    privacy(owner);
  });
});
