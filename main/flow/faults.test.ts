// Faults mid-journey: each typed failure becomes a citizen message and a next step (retry, wait,
// back, skip, counter, end), and nothing that must happen once happens twice.
import { describe, expect, it } from 'vitest';
import { SERVICE_LIBRARY, parseCatalogue } from '../../domain/catalogue';
import { Journey, RESIDENT, SOCIAL_SECURITY } from '../../tests/helpers/flow-driver';
import { RECORDS } from '../../tests/helpers/flow-records';

const soleForm = SERVICE_LIBRARY.find((s) => s.serviceId === 'sole-proprietor-registration')!.sampleForm!;

/** A sole proprietor registration up to its submit request. */
function filing(): Journey {
  const j = new Journey().start().choose('sole-proprietor-registration').input({ kind: 'next' });
  j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
  j.input({ kind: 'form', values: soleForm });
  j.answer('backoffice.query', RECORDS.elicences).input({ kind: 'next' });
  j.input({ kind: 'capture', material: 'premisesProof', ref: 'scan-1', pages: 1 })
    .input({ kind: 'next' })
    .input({ kind: 'next' });
  return j;
}

const filed = (j: Journey) => ({
  localId: j.request('backoffice.submit').localId,
  delivered: true,
  trackingNumber: 'YZ20261205-000042M',
});

describe('cards', () => {
  it('a card pulled during the read: told, read again, then on', () => {
    const j = new Journey().start().choose('housing-fund-certificate').input({ kind: 'next' });
    j.device({ kind: 'card.inserted', role: 'idCard' }).device({ kind: 'card.removed', role: 'idCard' });
    const watch = j.request('device.readIdentity');
    j.fail('device.readIdentity', 'cardRemoved');
    expect(j.view).toMatchObject({
      fault: { code: 'cardRemoved', options: ['retry', 'end'] },
      step: { kind: 'identify' },
    });
    expect(j.view.can.back).toBe(false); // answer the fault first
    j.input({ kind: 'next' });
    expect(j.view.fault).toBeDefined();
    j.input({ kind: 'fault', option: 'retry' });
    expect(j.request('device.readIdentity')).toEqual(watch);
    j.identify(RESIDENT);
    expect(j.step?.kind).toBe('lookup');
  });

  it('someone else’s card in the same session is refused', () => {
    const j = new Journey().start();
    j.answer('device.readIdentity', RESIDENT);
    j.choose('housing-fund-certificate').input({ kind: 'next' });
    expect(j.step?.kind).toBe('lookup');
    const s = new Journey(parseCatalogue(SERVICE_LIBRARY, 'hall').catalogue)
      .start()
      .choose('social-insurance-payments');
    s.identify(SOCIAL_SECURITY, 'socialSecurityCard');
    s.answer('backoffice.query', RECORDS.socialInsurancePayments)
      .input({ kind: 'next' })
      .answer('print.receipt');
    s.input({ kind: 'another' }).choose('residence-permit').input({ kind: 'next' });
    s.identify({ ...RESIDENT, name: '王芳', idNumber: '11010519491231002X' });
    expect(s.view.fault?.code).toBe('wrongCard');
    expect(s.view.identity?.name).toBe('张晓明');
  });

  it('an answer of the wrong shape is a fault, not a broken screen', () => {
    const j = new Journey().start().choose('housing-fund-certificate').input({ kind: 'next' });
    j.identify(RESIDENT);
    j.answer('backoffice.query', { balance: 'lots' });
    expect(j.view.fault).toEqual({ code: 'providerError', options: ['counter', 'end'] });
  });
});

describe('printing', () => {
  it('paper out while printing a certificate: told, the job is held, printed once when paper returns', () => {
    const j = new Journey().start().choose('social-insurance-certificate').input({ kind: 'next' });
    j.identify(RESIDENT).device({ kind: 'card.removed', role: 'idCard' });
    j.answer('backoffice.query', RECORDS.socialInsuranceRecord).input({ kind: 'next' });
    const job = j.request('print.a4');
    j.fail('print.a4', 'paperOut', true);
    expect(j.view).toMatchObject({
      fault: { code: 'paperOut', options: ['wait', 'counter', 'end'] },
      step: { kind: 'print', outputs: [{ doc: 'socialInsuranceCertificate', state: 'failed' }] },
    });
    // A held print is not the terminal working: the citizen may leave, so the countdown runs.
    expect(j.view.idle.deadline).not.toBeNull();
    j.input({ kind: 'fault', option: 'wait' });
    expect(j.view).toMatchObject({ busy: { key: 'printing' }, step: { outputs: [{ state: 'printing' }] } });
    expect(j.view.fault).toBeUndefined();
    // Paper back: the runner prints the held job under its key and answers.
    j.answer('print.a4');
    expect(j.step?.kind).toBe('done');
    expect(j.log.filter((e) => e.type === 'print.a4')).toEqual([job]);
  });

  it('paper back while the fault is shown: the fault goes, the countdown pauses while it prints and starts afresh when done', () => {
    const j = new Journey().start().choose('queue-ticket').input({ kind: 'choose', value: 'socialAffairs' });
    j.answer('backoffice.queueTicket', { number: 'A001', waiting: 0 });
    j.fail('print.receipt', 'paperOut', true);
    const touched = j.view.idle.deadline;
    expect(touched).not.toBeNull();
    // The citizen waits without a touch; paper comes back 50 s later and the printer takes the job up.
    j.send({ type: 'effect.resumed', key: j.request('print.receipt').key }, 50_000);
    expect(j.view.fault).toBeUndefined();
    expect(j.view).toMatchObject({ busy: { key: 'printing' }, idle: { deadline: null, warning: false } });
    expect(j.timers.has('idle')).toBe(false);
    j.answer('print.receipt', {}, 5_000);
    expect(j.step?.kind).toBe('done');
    // The done screen gets the full time, not what was left of it since the last touch.
    expect(j.view.idle).toEqual({ deadline: j.now + 90_000, warning: false });
    expect(j.view.idle.deadline).toBeGreaterThan(touched! + 50_000);
  });

  it('paper out and the citizen goes to the counter: the held job is left for collection', () => {
    const j = new Journey().start().choose('queue-ticket').input({ kind: 'choose', value: 'socialAffairs' });
    j.answer('backoffice.queueTicket', { number: 'A001', waiting: 0 });
    const job = j.request('print.receipt');
    j.fail('print.receipt', 'paperOut', true);
    j.input({ kind: 'fault', option: 'counter' });
    expect(j.log.at(-1)).toEqual({ type: 'cancel', key: job.key });
    expect(j.step).toMatchObject({ kind: 'referral', code: 'paperOut', theme: { zh: '综合服务类' } });
    j.input({ kind: 'finish' });
    expect(j.view.ended).toEqual({ reason: 'done', outcome: 'referred' });
  });

  it('a jam that is not held: retry sends the same job again (one key, printed once)', () => {
    const j = new Journey().start().choose('copy');
    j.input({ kind: 'capture', material: 'copy', ref: 'p1', pages: 2 }).input({ kind: 'next' });
    const job = j.request('print.a4');
    j.fail('print.a4', 'jammed');
    expect(j.view.fault).toEqual({ code: 'jammed', options: ['retry', 'counter', 'end'] });
    j.input({ kind: 'fault', option: 'retry' });
    expect(j.request('print.a4')).toEqual(job);
  });

  it('an optional print that fails may be skipped', () => {
    const j = new Journey().start().choose('real-estate-query').input({ kind: 'next' });
    j.identify(RESIDENT);
    j.answer('backoffice.query', RECORDS.realEstate).input({ kind: 'next' }).input({ kind: 'next' });
    j.fail('print.a4', 'deviceDown');
    expect(j.view.fault).toEqual({ code: 'deviceDown', options: ['skip', 'counter', 'end'] });
    j.input({ kind: 'fault', option: 'skip' });
    expect(j.step?.kind).toBe('done');
  });
});

describe('back office and providers', () => {
  it('back office down during submit: the filing is durable in the outbox, the citizen is told it goes later', () => {
    const j = filing();
    j.answer('backoffice.submit', { localId: j.request('backoffice.submit').localId, delivered: false });
    // No decision can come: the wait gives up at once and the journey says "saved, sent later".
    j.fail('backoffice.awaitResult', 'network');
    expect(j.view.fault).toBeUndefined();
    expect(j.requests('print.a4')).toEqual([]);
    j.answer('print.receipt');
    expect(j.step).toMatchObject({
      kind: 'done',
      message: { zh: expect.stringMatching(/^申请已保存在本机/) as string },
    });
  });

  it('秒批 with no decision in time: the wait ends on its own timer and the filing goes to review', () => {
    const j = filing();
    j.answer('backoffice.submit', filed(j));
    const wait = j.request('backoffice.awaitResult');
    expect(j.view.step).toMatchObject({ kind: 'waitResult', deadline: j.now + 30_000 });
    j.fire('result');
    expect(j.log).toContainEqual({ type: 'cancel', key: wait.key });
    expect(j.requests('print.a4')).toEqual([]);
    j.answer('print.receipt').input({ kind: 'skip' });
    expect(j.step).toMatchObject({
      kind: 'done',
      message: { zh: expect.stringMatching(/^申请已受理，转人工审核/) as string },
    });
    // The decision arriving after the timer changes nothing.
    expect(j.send({ type: 'effect.done', key: wait.key, result: { decision: 'approved' } })).toEqual([]);
  });

  it('a refused filing sends the citizen to the counter', () => {
    const j = filing();
    j.fail('backoffice.submit', 'refused');
    expect(j.view.fault).toEqual({ code: 'refused', options: ['counter', 'end'] });
    j.input({ kind: 'fault', option: 'end' });
    expect(j.view.ended).toEqual({ reason: 'done', outcome: 'failed' });
  });

  it('provider down: retry asks again, and the answer then continues the journey', () => {
    const j = new Journey().start().choose('housing-fund-certificate').input({ kind: 'next' });
    j.identify(RESIDENT);
    const q = j.request('backoffice.query');
    j.fail('backoffice.query', 'providerDown');
    expect(j.view.fault).toEqual({ code: 'providerDown', options: ['retry', 'counter', 'end'] });
    j.input({ kind: 'fault', option: 'retry' });
    expect(j.request('backoffice.query')).toEqual(q);
    j.answer('backoffice.query', RECORDS.housingFundAccount);
    expect(j.step).toMatchObject({ kind: 'lookup', result: expect.anything() as unknown });
  });

  it('no records for this person: back, counter or end', () => {
    const j = new Journey().start().choose('social-insurance-certificate').input({ kind: 'next' });
    j.identify(RESIDENT);
    j.fail('backoffice.query', 'noRecords');
    expect(j.view.fault).toEqual({ code: 'noRecords', options: ['back', 'counter', 'end'] });
    j.input({ kind: 'fault', option: 'back' });
    expect(j.step?.kind).toBe('guide');
  });

  it('no booked appointment today: said so, not an empty list', () => {
    const j = new Journey().start().choose('appointment-check-in');
    j.identify(RESIDENT);
    j.answer('backoffice.query', { items: [{ ...RECORDS.appointments.items[0], status: 'missed' }] });
    expect(j.view.fault?.code).toBe('noRecords');
  });

  it('a pickup code that opens nothing: back to enter it again', () => {
    const j = new Journey().start().choose('result-pickup').input({ kind: 'code', value: '111111' });
    j.fail('locker.open', 'notFound');
    expect(j.view.fault?.options).toEqual(['back', 'end']);
    j.input({ kind: 'fault', option: 'back' });
    expect(j.step?.kind).toBe('identify');
  });
});

describe('lockers', () => {
  it('no free door: the citizen is sent to the counter', () => {
    const j = new Journey().start().choose('material-deposit').input({ kind: 'next' });
    j.input({ kind: 'code', value: 'YZ20261123-000123K' })
      .answer('backoffice.query', RECORDS.filing)
      .input({ kind: 'next' });
    j.fail('locker.open', 'noFreeDoor');
    expect(j.view.fault).toEqual({ code: 'noFreeDoor', options: ['counter', 'end'] });
  });

  it('a jammed door: retry asks for a door under the same key (the runner never opens two)', () => {
    const j = new Journey().start().choose('result-pickup');
    j.identify(RESIDENT);
    const open = j.request('locker.open');
    j.fail('locker.open', 'doorJammed');
    j.input({ kind: 'fault', option: 'retry' });
    expect(j.request('locker.open')).toEqual(open);
  });

  it('recording a deposit fails: the door stays open in the view and retry records it again', () => {
    const j = new Journey().start().choose('material-deposit').input({ kind: 'next' });
    j.input({ kind: 'code', value: 'YZ20261123-000123K' })
      .answer('backoffice.query', RECORDS.filing)
      .input({ kind: 'next' });
    j.answer('locker.open', { door: 'B-02' })
      .device({ kind: 'door.opened', door: 'B-02' })
      .device({ kind: 'door.closed', door: 'B-02' });
    const commit = j.request('locker.commit');
    j.fail('locker.commit', 'network');
    expect(j.step).toMatchObject({ kind: 'lockerDeposit', state: 'open' });
    j.input({ kind: 'fault', option: 'retry' });
    expect(j.request('locker.commit')).toEqual(commit);
    j.answer('locker.commit');
    expect(j.step?.kind).toBe('print');
  });
});
