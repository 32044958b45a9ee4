// The session machine: purity, JSON state, idle countdown and elder mode with no real clock,
// back and cancel on every step of every service, reminders and the end of a session.
import { describe, expect, it } from 'vitest';
import { SERVICE_LIBRARY, parseCatalogue, shippedCatalogue } from '../../domain/catalogue';
import { Journey, RESIDENT, autopilotStep } from '../../tests/helpers/flow-driver';
import { RECORDS } from '../../tests/helpers/flow-records';
import { advance, attract, idleLimits, type SessionState } from './index';

const ALL = parseCatalogue(SERVICE_LIBRARY, 'hall').catalogue;
const STM_ONLY = ['social-insurance-payments', 'medical-insurance-balance', 'housing-fund-balance'];

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

describe('a pure engine', () => {
  it('never changes the state it is given, and the same event gives the same answer', () => {
    const j = new Journey().start().choose('sole-proprietor-registration').input({ kind: 'next' });
    const frozen = deepFreeze(structuredClone(j.state));
    const event = {
      type: 'effect.done',
      at: j.now + 5,
      key: j.request('device.readIdentity').key,
      result: RESIDENT,
    } as const;
    const a = advance(j.catalogue, frozen, event);
    const b = advance(j.catalogue, frozen, event);
    expect(a).toEqual(b);
    expect(a.state.identity).toEqual(RESIDENT);
  });

  it('continues a journey from its state read back from JSON mid-way, exactly as from the live one', () => {
    const live = new Journey().start().choose('residence-permit').input({ kind: 'next' });
    live.identify(RESIDENT);
    const persisted = JSON.parse(JSON.stringify(live.state)) as SessionState;
    const form = SERVICE_LIBRARY.find((s) => s.serviceId === 'residence-permit')!.sampleForm!;
    const event = { type: 'input', at: live.now + 1000, input: { kind: 'form', values: form } } as const;
    const fromLive = advance(live.catalogue, live.state, event);
    const fromDisk = advance(live.catalogue, persisted, event);
    expect(fromDisk).toEqual(fromLive);
    expect(fromDisk.state.flow?.data.form).toMatchObject({ idNumber: RESIDENT.idNumber });
  });

  it('one citizen at a time: a second start while a session runs is ignored', () => {
    const j = new Journey().start('touch', 'S1').choose('copy');
    const before = j.state;
    j.start('card', 'S2');
    expect(j.state.sessionId).toBe('S1');
    expect({ ...j.state, now: 0, seq: 0 }).toEqual({ ...before, now: 0, seq: 0 });
  });
});

describe('idle countdown (no real clock: timers are effects that come back as events)', () => {
  it("a site's shorter idle limit (site.idleSeconds) still gives the warning 20 s, and survives the next session", () => {
    const j = new Journey();
    j.state = attract('hall', j.now, idleLimits(30_000));
    j.start();
    const start = j.now;
    expect(j.log).toContainEqual({
      type: 'timer.set',
      name: 'idle',
      ms: 10_000,
      token: expect.any(Number) as number,
    });
    expect(j.view.idle).toEqual({ deadline: start + 30_000, warning: false });
    j.fire('idle');
    expect(j.view.idle).toEqual({ deadline: start + 30_000, warning: true });
    j.fire('idleEnd');
    expect(j.state.ended?.reason).toBe('timeout');
    j.start();
    expect(j.view.idle).toEqual({ deadline: j.now + 30_000, warning: false });
    expect(idleLimits()).toEqual({ idleMs: 90_000, warnMs: 30_000 });
  });

  it('warns 30 s before the end with "need more time?", extends, and ends on timeout', () => {
    const j = new Journey().start();
    const start = j.now;
    expect(j.log).toContainEqual({
      type: 'timer.set',
      name: 'idle',
      ms: 60_000,
      token: expect.any(Number) as number,
    });
    expect(j.view.idle).toEqual({ deadline: start + 90_000, warning: false });
    j.fire('idle');
    expect(j.view.idle).toEqual({ deadline: start + 90_000, warning: true });
    expect(j.log.at(-1)).toEqual({
      type: 'timer.set',
      name: 'idleEnd',
      ms: 30_000,
      token: expect.any(Number) as number,
    });
    const stale = j.timers.get('idleEnd')!;
    j.input({ kind: 'extend' });
    expect(j.view.idle).toEqual({ deadline: j.now + 90_000, warning: false });
    // The warning's own timer, fired late after the extension, changes nothing.
    j.send({ type: 'timer.fired', name: 'idleEnd', token: stale });
    expect(j.view.phase).toBe('browsing');
    j.fire('idle').fire('idleEnd');
    expect(j.view).toMatchObject({ phase: 'ended', ended: { reason: 'timeout', outcome: 'abandoned' } });
    expect(j.log.at(-1)).toEqual({
      type: 'session.end',
      reason: 'timeout',
      outcome: 'abandoned',
      unresolved: [],
    });
  });

  it('any touch restarts the countdown, the warning leaves at least 20 s to answer', () => {
    const j = new Journey().start();
    j.fire('idle');
    expect(j.view.idle.deadline! - j.now).toBeGreaterThanOrEqual(20_000);
    j.input({ kind: 'tap' });
    expect(j.view.idle.warning).toBe(false);
  });

  it('elder mode doubles every limit the citizen faces', () => {
    const j = new Journey().start().input({ kind: 'elder', on: true });
    expect(j.view).toMatchObject({ elder: true, idle: { deadline: j.now + 180_000 } });
    expect(j.log.at(-1)).toEqual({
      type: 'timer.set',
      name: 'idle',
      ms: 120_000,
      token: expect.any(Number) as number,
    });
    j.fire('idle');
    expect(j.log.at(-1)).toMatchObject({ type: 'timer.set', name: 'idleEnd', ms: 60_000 });
    j.input({ kind: 'cancel' });
    // Reminders wait twice as long too.
    const e = new Journey().start().input({ kind: 'elder', on: true }).device({ kind: 'receipt.presented' });
    e.input({ kind: 'cancel' });
    expect(e.log.at(-1)).toMatchObject({ type: 'timer.set', name: 'reminders', ms: 60_000 });
  });

  it('stops while the terminal works (printing) and restarts after; a hung request becomes a timeout fault', () => {
    const j = new Journey().start().choose('copy');
    j.input({ kind: 'capture', material: 'copy', ref: 'p1', pages: 1 }).input({ kind: 'next' });
    expect(j.view).toMatchObject({ busy: { key: 'printing' }, idle: { deadline: null } });
    expect(j.timers.has('idle')).toBe(false);
    j.fire('busy');
    expect(j.view.fault).toEqual({ code: 'timeout', options: ['retry', 'counter', 'end'] });
    expect(j.view.idle.deadline).toBe(j.now + 90_000);
    const key = j.log.find((e) => e.type === 'print.a4')!;
    j.input({ kind: 'fault', option: 'retry' });
    expect(j.request('print.a4')).toEqual(key); // same idempotency key: never printed twice
    j.answer('print.a4');
    expect(j.step?.kind).toBe('done');
    expect(j.view.idle.deadline).toBe(j.now + 90_000);
  });
});

describe('the end of a session', () => {
  it('reminds of a receipt not taken and an open door before it ends; times out on what stays', () => {
    const j = new Journey().start().choose('queue-ticket').input({ kind: 'choose', value: 'realEstate' });
    j.answer('backoffice.queueTicket', { number: 'B023', waiting: 4 });
    j.device({ kind: 'receipt.presented' }).answer('print.receipt');
    j.device({ kind: 'door.opened', door: 'A-03' }); // a door forced open elsewhere in the cabinet
    j.input({ kind: 'finish' });
    expect(j.view).toMatchObject({
      phase: 'ending',
      reminders: [{ kind: 'receiptNotTaken' }, { kind: 'doorOpen', door: 'A-03' }],
    });
    expect(j.view.can.cancel).toBe(false);
    j.device({ kind: 'receipt.taken' });
    expect(j.view.phase).toBe('ending');
    j.fire('reminders');
    expect(j.view).toMatchObject({ phase: 'ended', ended: { reason: 'done', outcome: 'completed' } });
    expect(j.log.at(-1)).toEqual({
      type: 'session.end',
      reason: 'done',
      outcome: 'completed',
      unresolved: ['doorOpen'],
    });
  });

  it('ends at once on a host restart, and forgets the citizen', () => {
    const j = new Journey().start().choose('housing-fund-certificate').input({ kind: 'next' });
    j.identify(RESIDENT);
    j.send({ type: 'host.restarted' });
    expect(j.view).toMatchObject({ phase: 'ended', ended: { reason: 'hostRestart', outcome: 'abandoned' } });
    expect(j.state.identity).toBeUndefined();
    expect(j.state.flow).toBeUndefined();
    expect(j.log.at(-1)).toEqual({
      type: 'session.end',
      reason: 'hostRestart',
      outcome: 'abandoned',
      unresolved: [],
    });
    // The query it was waiting for is stopped, and its late answer is ignored.
    expect(j.log).toContainEqual({ type: 'cancel', key: 'S1:1:account:housingFundAccount' });
    const next = j.send({
      type: 'effect.done',
      key: 'S1:1:account:housingFundAccount',
      result: RECORDS.housingFundAccount,
    });
    expect(next).toEqual([]);
  });

  it('a new session after the end starts clean, in standard mode', () => {
    const j = new Journey().start('touch', 'S1').input({ kind: 'elder', on: true }).input({ kind: 'cancel' });
    expect(j.view.ended).toEqual({ reason: 'cancel', outcome: 'abandoned' });
    j.start('touch', 'S2');
    expect(j.view).toMatchObject({ phase: 'browsing', elder: false });
    expect(j.state.sessionId).toBe('S2');
  });

  it('a card placed while browsing identifies; an unreadable one says so and the reader keeps watching', () => {
    const j = new Journey().start();
    const watch = j.request('device.readIdentity');
    expect(watch.accept).toEqual(['idCard', 'socialSecurityCard', 'qr']);
    j.fail('device.readIdentity', 'unreadable');
    expect(j.view.notice).toBe('cardUnreadable');
    expect(j.request('device.readIdentity').key).toBe(watch.key);
    j.answer('device.readIdentity', RESIDENT);
    expect(j.view.identity?.name).toBe('张晓明');
    expect(j.view.notice).toBeUndefined();
  });
});

/** Rests of a service's happy path: how many citizen-facing stops it has before done. */
function rests(serviceId: string): number {
  const j = journeyFor(serviceId);
  let n = 0;
  while (autopilotStep(j)) n++;
  expect(j.step?.kind, `${serviceId} reaches done`).toBe('done');
  return n;
}

function journeyFor(serviceId: string): Journey {
  const profile = STM_ONLY.includes(serviceId) ? 'stm' : 'hall';
  const catalogue = profile === 'stm' ? shippedCatalogue('stm') : ALL;
  return new Journey(catalogue).start().choose(serviceId);
}

describe('back and cancel on every step of every service', () => {
  for (const service of SERVICE_LIBRARY) {
    it(`${service.serviceId}`, () => {
      const total = rests(service.serviceId);
      for (let k = 0; k <= total; k++) {
        const c = journeyFor(service.serviceId);
        for (let i = 0; i < k; i++) autopilotStep(c);
        const where = `${c.step?.id} (${k})`;
        expect(c.view.can.cancel, where).toBe(true);
        c.input({ kind: 'cancel' });
        expect(['ending', 'ended'], where).toContain(c.view.phase);
        if (c.view.phase === 'ending') {
          for (const r of c.view.reminders)
            if (r.kind === 'cardLeft') c.device({ kind: 'card.removed', role: r.role! });
            else if (r.kind === 'receiptNotTaken') c.device({ kind: 'receipt.taken' });
            else c.device({ kind: 'door.closed', door: r.door! });
        }
        expect(c.view.ended?.reason, where).toBe('cancel');

        const b = journeyFor(service.serviceId);
        for (let i = 0; i < k; i++) autopilotStep(b);
        const before = { step: b.step?.id, phase: b.view.phase };
        const could = b.view.can.back;
        b.input({ kind: 'back' });
        const after = { step: b.step?.id, phase: b.view.phase };
        if (could) expect(after, `back from ${where}`).not.toEqual(before);
        else expect(after, `no back from ${where}`).toEqual(before);
      }
    });
  }

  it('back on the first step returns to the catalogue, the citizen still identified', () => {
    const j = new Journey().start().choose('real-estate-query').input({ kind: 'next' });
    j.identify(RESIDENT);
    j.answer('backoffice.query', RECORDS.realEstate);
    // The identify step is satisfied: back passes over it.
    j.input({ kind: 'back' });
    expect(j.step?.kind).toBe('guide');
    j.input({ kind: 'back' });
    expect(j.view).toMatchObject({ phase: 'browsing', identity: { name: '张晓明' } });
    expect(j.view.service).toBeUndefined();
  });

  it('back keeps what was entered, and nothing goes back past a filing', () => {
    const j = new Journey().start().choose('sole-proprietor-registration').input({ kind: 'next' });
    j.identify(RESIDENT);
    const form = SERVICE_LIBRARY.find((s) => s.serviceId === 'sole-proprietor-registration')!.sampleForm!;
    j.input({ kind: 'form', values: form });
    expect(j.view.can.back).toBe(false); // fetching e-licences
    j.answer('backoffice.query', RECORDS.elicences);
    j.input({ kind: 'back' });
    expect(j.step?.kind).toBe('form');
    const fields = (j.step as { fields: { name: string; value?: unknown }[] }).fields;
    expect(fields.find((f) => f.name === 'businessName')?.value).toBe(form.businessName);
    // Back on the e-licences step: they are not fetched again.
    j.input({ kind: 'form', values: form }).input({ kind: 'next' }).input({
      kind: 'capture',
      material: 'premisesProof',
      ref: 'r',
      pages: 1,
    });
    j.input({ kind: 'next' }).input({ kind: 'next' });
    expect(j.view.can.back).toBe(false); // submitting
    j.answer('backoffice.submit', {
      localId: j.request('backoffice.submit').localId,
      delivered: true,
      trackingNumber: 'YZ20261205-000042M',
    });
    j.input({ kind: 'back' });
    expect(j.step?.kind).toBe('waitResult');
  });
});
