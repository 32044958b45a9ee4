// The session around the journeys, on the real host: the idle countdown from the injected clock
// (no real time passes), reminders for what the citizen left behind raised from device events, the
// heartbeat telling the back office whether a citizen is served, and the catalogue the back office
// pushes applied between sessions only.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCatalogue, shippedCatalogue } from '../../../domain/catalogue/catalogue';
import { LIMITS } from '../../../main/flow';
import { begin, finish, tapIdCard } from '../../helpers/journey-steps';
import { startBackoffice, startKiosk, testDir, type Kiosk } from '../../helpers/kiosk-rig';
import { callApi, staffLogin, type TestService } from '../../helpers/outbox-service';
import { findPerson, type Person } from '../../helpers/people';

vi.setConfig({ testTimeout: 60_000 });

const t = testDir('yizhan-session-lifecycle');
let bo: TestService;
let kiosk: Kiosk;
let worker: Person;
let technician = '';

beforeAll(async () => {
  bo = await startBackoffice(t.dir);
  kiosk = await startKiosk({ dir: t.dir, backoffice: bo, kioskId: 'hall-lifecycle' });
  worker = await findPerson({ insured: true });
  technician = await staffLogin(bo.url, 'technician');
}, 90_000);
afterAll(async () => {
  await kiosk?.stop();
  await bo?.stop();
  t.remove();
});

/** Moves the session's clock and lets the timers that came due run. */
async function elapse(ms: number): Promise<void> {
  kiosk.clock.advance(ms);
  await new Promise((r) => setImmediate(r));
}

describe('the idle countdown', () => {
  it('asks "need more time?" for the last 30 s, and ends the session when nobody answers', async () => {
    await begin(kiosk, 'social-insurance-certificate');
    await kiosk.step('guide');
    const deadline = kiosk.view.idle.deadline!;
    expect(deadline - kiosk.clock.now()).toBe(LIMITS.idleMs);
    await elapse(LIMITS.idleMs - LIMITS.warnMs);
    await kiosk.until((k) => k.view.idle.warning, 'the warning');
    // "Yes, more time": the countdown starts over.
    await kiosk.call('session:extend');
    expect(kiosk.view.idle).toEqual({ deadline: kiosk.clock.now() + LIMITS.idleMs, warning: false });
    await elapse(LIMITS.idleMs - LIMITS.warnMs);
    await kiosk.until((k) => k.view.idle.warning, 'the warning again');
    const before = kiosk.ended.length;
    await elapse(LIMITS.warnMs);
    await kiosk.until((k) => k.ended.length > before, 'the session ended');
    expect(kiosk.ended.at(-1)).toEqual({ reason: 'timeout', outcome: 'abandoned' });
    expect(kiosk.view.phase).toBe('ended');
    expect(kiosk.view.step).toBeUndefined();
  });

  it('doubles in elder mode', async () => {
    await begin(kiosk, 'social-insurance-certificate');
    await kiosk.send({ kind: 'elder', on: true });
    expect(kiosk.view.idle.deadline! - kiosk.clock.now()).toBe(2 * LIMITS.idleMs);
    await elapse(LIMITS.idleMs);
    expect(kiosk.view.idle.warning).toBe(false);
    await elapse(LIMITS.idleMs - 2 * LIMITS.warnMs);
    await kiosk.until((k) => k.view.idle.warning, 'the warning');
    await kiosk.call('session:cancel');
    await kiosk.until((k) => k.view.phase === 'ended', 'the end');
  });

  it('a card left on the reader holds the end until it is taken; then the identity is gone', async () => {
    await begin(kiosk, 'housing-fund-certificate');
    await kiosk.send({ kind: 'next' });
    await tapIdCard(kiosk, worker.card);
    await kiosk.step('lookup');
    expect(kiosk.view.identity?.name).toBe(worker.name);
    await kiosk.send({ kind: 'next' });
    await kiosk.step('done');
    const before = kiosk.ended.length;
    await kiosk.send({ kind: 'finish' });
    // The card is still on the reader: the session waits for it (a reminder), not for the clock.
    await kiosk.until((k) => k.view.reminders.some((r) => r.kind === 'cardLeft'), 'the card reminder');
    expect(kiosk.view.phase).toBe('ending');
    kiosk.idCard.remove();
    await kiosk.until((k) => k.ended.length > before, 'the end');
    expect(kiosk.view.identity).toBeUndefined();
    expect(JSON.stringify(kiosk.host.session.view())).not.toContain(worker.name);
  });
});

describe('reminders', () => {
  /** A queue ticket taken and the journey finished, the ticket left in the presenter; how many sessions ended before. */
  async function ticketLeftBehind(): Promise<number> {
    await begin(kiosk, 'queue-ticket');
    await kiosk.step('choose');
    await kiosk.send({ kind: 'choose', value: 'realEstate' });
    await kiosk.step('done');
    const before = kiosk.ended.length;
    await kiosk.send({ kind: 'finish' });
    await kiosk.until(
      (k) => k.view.reminders.some((r) => r.kind === 'receiptNotTaken'),
      'the receipt reminder',
    );
    return before;
  }

  it('a receipt not taken keeps the session until it is taken', async () => {
    const before = await ticketLeftBehind();
    expect(kiosk.ended.length).toBe(before);
    kiosk.printer.take();
    await kiosk.until((k) => k.ended.length > before, 'the end');
    expect(kiosk.ended.at(-1)).toEqual({ reason: 'done', outcome: 'completed' });
  });

  it('a receipt left in the presenter ends the session after the reminder time, noted for the technician', async () => {
    const before = await ticketLeftBehind();
    await elapse(LIMITS.remindersMs);
    await kiosk.until((k) => k.ended.length > before, 'the end');
    const line = kiosk.log.lines.filter((l) => l.event === 'session.ended').at(-1);
    expect(line?.fields).toMatchObject({ reason: 'done', unresolved: ['receiptNotTaken'] });
    kiosk.printer.take();
  });
});

describe('what the back office sees', () => {
  const session = async () => {
    const list = await callApi<{ kioskId: string; session: string | null }[]>(
      `${bo.url}/api/v1/staff/kiosks`,
      {
        token: technician,
      },
    );
    return list.find((k) => k.kioskId === 'hall-lifecycle')?.session;
  };
  // A change of session is reported at once (not at the next interval): ask until the back office has it.
  const untilSession = (want: string) => expect.poll(session, { timeout: 15_000, interval: 100 }).toBe(want);

  it('the heartbeat says serving while a citizen is served, idle otherwise', async () => {
    await untilSession('idle');
    await begin(kiosk, 'queue-ticket');
    await untilSession('serving');
    await kiosk.call('session:cancel');
    await kiosk.until((k) => k.view.phase === 'ended', 'the end');
    await untilSession('idle');
  });

  it('a pushed catalogue that validates is run, swapped in between sessions only', async () => {
    expect((await kiosk.call('catalogue:list')).source).toBe('pushed');
    await begin(kiosk, 'queue-ticket');
    // A catalogue with one service less arrives during the session: the session keeps its own.
    const fewer = shippedCatalogue('hall').services.filter((s) => s.serviceId !== 'copy');
    kiosk.host.session.setCatalogue(parseCatalogue(fewer, 'hall').catalogue);
    expect((await kiosk.call('catalogue:list')).services.some((s) => s.serviceId === 'copy')).toBe(true);
    await kiosk.step('choose');
    await kiosk.send({ kind: 'choose', value: 'realEstate' });
    expect(await finish(kiosk)).toMatchObject({ reason: 'done' });
    expect((await kiosk.call('catalogue:list')).services.some((s) => s.serviceId === 'copy')).toBe(false);
  });
});
