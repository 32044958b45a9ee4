/**
 * What a citizen does at the kiosk, as steps over the host API (tests/helpers/kiosk-rig.ts): start,
 * choose a service, tap a card, and at the end take what they brought and got, until the host says
 * the session ended. Each waits for the host's events, never for time.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { BackofficeClient } from '../../main/backend';
import type { SimulatedCard } from '../../devices/id-card-reader';
import type { SessionEnded } from '../../main/ipc/contract/flow';
import { findSecrets, type Secret } from './privacy';
import type { Kiosk } from './kiosk-rig';
import { registerKiosk, type TestService } from './outbox-service';
import { jpegPage } from './scan-pages';

export async function begin(k: Kiosk, serviceId: string): Promise<void> {
  // Asked of the host itself: `session:ended` can reach us before the last view of that session.
  let view = await k.call('session:start');
  if (view.phase !== 'browsing') {
    // A test that failed half-way left its citizen at the kiosk: they give up and go first.
    const before = k.ended.length;
    await k.call('session:cancel');
    await leave(k, before);
    view = await k.call('session:start');
  }
  const ended = k.ended.length;
  expect(view.phase).toBe('browsing');
  // The host takes the choice only while the service's devices serve; one that flapped between the
  // listing and the tap (a reader resyncing after a host restart) leaves the citizen on the catalogue,
  // as a greyed tile would, and they tap again once it is offered.
  for (let tries = 0; ; tries++) {
    const listed = await offered(k, serviceId);
    expect(listed, `${serviceId} in the catalogue`).toMatchObject({ available: true });
    const view = await k.send({ kind: 'chooseService', serviceId });
    if (view.phase === 'flow') break;
    if (tries === 3) throw new Error(`${serviceId} was never taken; last view ${JSON.stringify(view)}`);
  }
  expect(k.ended.length).toBe(ended);
}

/** The catalogue's entry for `serviceId` once it is offered (devices serving), or as it is after 10 s. */
async function offered(k: Kiosk, serviceId: string) {
  const find = async () => (await k.call('catalogue:list')).services.find((s) => s.serviceId === serviceId);
  for (let i = 0; i < 200; i++) {
    const listed = await find();
    if (!listed || listed.available) return listed;
    await new Promise((r) => setTimeout(r, 50));
  }
  return find();
}

/** On the identify step: the citizen lays their ID card on the reader. */
export async function tapIdCard(k: Kiosk, card: SimulatedCard): Promise<void> {
  await k.until((x) => x.view.step?.kind === 'identify' && !x.view.busy, 'the identify step');
  k.idCard.place(card);
  await k.until((x) => x.view.step?.kind !== 'identify' || x.view.fault, 'the card read');
}

/**
 * Finishes on the done step, then does what the reminders ask (take the card, the receipt, close
 * the door) until the session ends; resolves with how it ended.
 */
export async function finish(k: Kiosk): Promise<SessionEnded> {
  const before = k.ended.length;
  await k.step('done');
  await k.send({ kind: 'finish' });
  return leave(k, before);
}

/** Takes away whatever the reminders name, until the session has ended. */
export async function leave(k: Kiosk, before = k.ended.length): Promise<SessionEnded> {
  for (let i = 0; i < 10 && k.ended.length === before; i++) {
    const v = await k.until(
      (x) => (x.ended.length > before || x.view.phase === 'ending' ? x.view : undefined),
      'the end',
    );
    if (k.ended.length > before) break;
    for (const r of v.reminders) {
      if (r.kind === 'cardLeft' && r.role === 'idCard') k.idCard.remove();
      else if (r.kind === 'cardLeft') await k.cards.remove();
      else if (r.kind === 'receiptNotTaken') k.printer.take();
      else if (r.kind === 'doorOpen' && r.door) k.lockers.close(1, Number(r.door.slice(2)));
    }
    await k.until(
      (x) => x.ended.length > before || JSON.stringify(x.view.reminders) !== JSON.stringify(v.reminders),
      'a reminder resolved',
    );
  }
  return k.ended.at(-1)!;
}

/** Nothing of these secrets in the kiosk's data directory, its temporary files or its log. */
export function expectNothingPersonal(k: Kiosk, roots: string[], secrets: Secret[]): void {
  const hits = findSecrets([k.dataDir, k.logFile, ...roots], secrets);
  expect(hits.map((h) => `${h.what} in ${h.file} (${h.encoding})`)).toEqual([]);
}

/**
 * 个体工商户设立登记 up to its confirm step: the card, the form, no e-licence, the premises proof
 * photographed (one page). The citizen's next tap files it.
 */
export async function soleProprietorToConfirm(
  k: Kiosk,
  owner: { card: SimulatedCard },
  business: { businessName: string; businessScope: string[]; address: string; phone?: string },
): Promise<void> {
  await begin(k, 'sole-proprietor-registration');
  await k.send({ kind: 'next' });
  await tapIdCard(k, owner.card);
  await k.step('form');
  await k.send({ kind: 'form', values: { ownerType: 'naturalPerson', ...business } });
  await k.step('elicences');
  await k.send({ kind: 'next' });
  await k.step('capture');
  const page = await jpegPage('a4', 60, 3);
  await k.call('flow:capture', {
    material: 'premisesProof',
    pages: [{ paper: 'a4', data: page.toString('base64') }],
  });
  expect((await k.step('capture')).materials[0]).toMatchObject({ kind: 'premisesProof', pages: 1 });
  await k.send({ kind: 'next' });
  await k.step('confirm');
}

let otherKiosk: Promise<BackofficeClient> | undefined;

/**
 * A filing made for `p` straight with the back office, as another kiosk of the hall would have made
 * it (综合申请): something to look up, rate, hand papers in for or collect.
 */
export async function fileElsewhere(
  bo: TestService,
  p: { idNumber: string; name: string },
  delivery: 'locker' | 'print' = 'locker',
) {
  otherKiosk ??= registerKiosk(bo.url, 'hall-other').then(
    (credential) =>
      new BackofficeClient({ baseUrl: bo.url, kioskId: 'hall-other', credential, timeoutMs: 10_000 }),
  );
  const { filing } = await (
    await otherKiosk
  ).createFiling(
    {
      serviceId: 'generic-application',
      kioskId: 'hall-other',
      applicant: { idNumber: p.idNumber, name: p.name },
      form: { subject: '申请开具无犯罪记录证明', purpose: '就业' },
      delivery: { method: delivery },
    },
    `elsewhere-${p.idNumber}-${randomUUID()}`,
  );
  return filing;
}

/** Waits until the locker step says its door is open; resolves with the door's label and number (board 1). */
export async function doorOpened(
  k: Kiosk,
  kind: 'lockerDeposit' | 'lockerPickup',
): Promise<{ label: string; door: number }> {
  const step = await k.until(
    (x) => (x.view.step?.kind === kind && x.view.step.state === 'open' ? x.view.step : undefined),
    `the ${kind} door open`,
  );
  return { label: step.door!, door: Number(step.door!.slice(2)) };
}
