/**
 * Complete journeys for the crash and soak runs, over a Kiosk (tests/helpers/kiosk-rig.ts: the real
 * host in this process, or in a child process through tests/reliability/remote-kiosk.ts). Each is
 * a citizen from the attract screen to the session's end, and notes on its `Walk` how far it got
 * (filed, door opened, papers in, door closed), so a run killed half-way knows what physically
 * happened. Every filing carries its walk's tag in the form, so the back office's copy names it.
 */
import { expect } from 'vitest';
import { begin, doorOpened, finish, soleProprietorToConfirm, tapIdCard } from '../helpers/journey-steps';
import type { Kiosk } from '../helpers/kiosk-rig';
import { callApi, type TestService } from '../helpers/outbox-service';
import { findPerson, person, type Person } from '../helpers/people';
import { secretsOf, type Secret } from '../helpers/privacy';
import { jpegPage } from '../helpers/scan-pages';

export type JourneyKind = 'certificate' | 'business' | 'residence' | 'ticket';
export const JOURNEY_KINDS: readonly JourneyKind[] = ['certificate', 'business', 'residence', 'ticket'];

/** What one citizen did and got; filled in as it happens. */
export interface Walk {
  index: number;
  kind: JourneyKind;
  /** In the filing's form (business name or employer): finds it at the back office. */
  tag: string;
  who: Person;
  /** The host showed a tracking number: the filing is durable in the outbox and at the back office. */
  trackingNumber?: string;
  /** The host said the filing is saved on the kiosk, to be sent later (durable in the outbox). */
  savedHere?: boolean;
  /** The locker door this walk opened (board 1), and whether papers went in and it was closed. */
  door?: number;
  papersIn?: boolean;
  closed?: boolean;
  /** The session ended as it should (done / completed). */
  completed?: boolean;
}

export function secretsOfWalk(w: Walk): Secret[] {
  return secretsOf(w.who);
}

/** Synthetic citizens: an insured pool for certificates, a fresh person for everyone else. */
export class Citizens {
  #insured: Person[] = [];
  static async create(): Promise<Citizens> {
    const c = new Citizens();
    for (const birth of ['1988-04-12', '1979-06-30', '1992-11-08', '1985-01-17'])
      c.#insured.push(await findPerson({ insured: true }, birth));
    return c;
  }
  /** Distinct ID numbers per index (birth date and sequence from it), valid check characters. */
  forWalk(index: number, kind: JourneyKind): Person {
    if (kind === 'certificate') return this.#insured[index % this.#insured.length]!;
    const day = 1 + (index % 28);
    const month = 1 + (Math.floor(index / 28) % 12);
    const year = 1960 + (Math.floor(index / 336) % 40);
    const birth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return person(birth, 100 + (index % 800));
  }
}

export function planWalk(index: number, kind: JourneyKind, citizens: Citizens, run: string): Walk {
  return { index, kind, tag: `${run}-${index}`, who: citizens.forWalk(index, kind) };
}

/** Runs one walk to the end of its session. Throws if the host goes away (or misbehaves). */
export async function walk(k: Kiosk, w: Walk): Promise<void> {
  if (w.kind === 'certificate') await certificate(k, w);
  else if (w.kind === 'business') await business(k, w);
  else if (w.kind === 'residence') await residence(k, w);
  else await ticket(k);
  const end = await finish(k);
  expect(end).toEqual({ reason: 'done', outcome: 'completed' });
  w.completed = true;
}

/** 参保证明打印: identified by ID card, the record looked up, the certificate printed on A4. */
async function certificate(k: Kiosk, w: Walk): Promise<void> {
  await begin(k, 'social-insurance-certificate');
  await k.step('guide');
  await k.send({ kind: 'next' });
  await tapIdCard(k, w.who.card);
  await k.step('lookup');
  await k.send({ kind: 'next' });
  await k.step('done');
}

/** 个体工商户设立登记 (秒批): filed with a captured page, approved, the notice on A4, the slip, rated. */
async function business(k: Kiosk, w: Walk): Promise<void> {
  await soleProprietorToConfirm(k, w.who, {
    businessName: `东城区打字复印店${w.tag}`,
    businessScope: ['打字复印'],
    address: '北京市东城区东四北大街100号',
  });
  await k.send({ kind: 'next' });
  // Filed at the back office (秒批, then rated), or saved here when it could not be reached at once.
  const next = await k.until(
    (x) =>
      !x.view.busy && (x.view.step?.kind === 'rate' || x.view.step?.kind === 'done')
        ? x.view.step
        : undefined,
    'filed or saved',
    60_000,
  );
  if (next.kind === 'done') {
    w.savedHere = true;
    return;
  }
  w.trackingNumber = next.subject.trackingNumber;
  await k.send({ kind: 'rate', rating: { level: 5, options: ['easyTerminal'] } });
}

/** The walk's filing as the back office has it: its tag in the form. */
export function tagOfForm(form: Record<string, unknown>): string | undefined {
  const text = [form.businessName, form.employerOrSchool].find((x): x is string => typeof x === 'string');
  return text && /([A-Z]+\d*-\d+)$/.exec(text)?.[1];
}

/** 居住证申领: filed with a photo, the papers put in a locker door that opened, the slip printed. */
async function residence(k: Kiosk, w: Walk): Promise<void> {
  await begin(k, 'residence-permit');
  await k.send({ kind: 'next' });
  await tapIdCard(k, w.who.card);
  const form = await k.step('form');
  const prefilled = Object.fromEntries(
    form.fields.filter((f) => !f.locked && f.value).map((f) => [f.name, f.value]),
  );
  await k.send({
    kind: 'form',
    values: {
      ...prefilled,
      residenceAddress: '北京市东城区和平里东街18号2单元301',
      residenceSince: '2025-03-01',
      basis: 'employment',
      employerOrSchool: `北京星河信息技术有限公司${w.tag}`,
      phone: '13900139000',
    },
  });
  await k.step('capture');
  await k.call('flow:capture', {
    material: 'photo',
    pages: [{ paper: 'id1', data: (await photo()).toString('base64') }],
  });
  await k.send({ kind: 'next' });
  await k.step('choose');
  await k.send({ kind: 'choose', value: 'locker' });
  await k.step('confirm');
  await k.send({ kind: 'next' });
  const { door } = await doorOpened(k, 'lockerDeposit');
  w.door = door;
  depositPapers(k, w);
  const rate = await k.step('rate', 60_000);
  w.trackingNumber = rate.subject.trackingNumber;
  await k.send({ kind: 'skip' });
}

/** The citizen puts the papers in the open door and shuts it (one physical act). */
export function depositPapers(k: Kiosk, w: Walk): void {
  if (w.door === undefined || w.closed) return;
  k.lockers.setItem(1, w.door, true);
  w.papersIn = true;
  k.lockers.close(1, w.door);
  w.closed = true;
}

/** 取号: a ticket printed on the receipt printer. */
async function ticket(k: Kiosk): Promise<void> {
  await begin(k, 'queue-ticket');
  await k.step('choose');
  await k.send({ kind: 'choose', value: 'housingFund' });
  await k.step('done');
}

let photoJpeg: Promise<Buffer> | undefined;
const photo = () => (photoJpeg ??= jpegPage('id1', 150));

export interface DepositDoor {
  id: string;
  board: number;
  door: number;
  trackingNumber: string;
  content: 'deposit' | 'result';
}

/** The doors of this kiosk the back office says hold something. */
export async function heldDoors(bo: TestService, clerk: string, kioskId: string): Promise<DepositDoor[]> {
  const r = await callApi<{ doors: DepositDoor[] }>(`${bo.url}/api/v1/lockers/doors?kioskId=${kioskId}`, {
    token: clerk,
  });
  return r.doors;
}

/**
 * Staff empty the cabinet's deposits (papers taken out of the door, recorded at the back office), as
 * a hall does through the day; keeps doors free for the next citizens.
 */
export async function retrieveDeposits(
  k: Kiosk,
  bo: TestService,
  clerk: string,
  kioskId: string,
): Promise<number> {
  const doors = (await heldDoors(bo, clerk, kioskId)).filter((d) => d.content === 'deposit');
  for (const d of doors) {
    k.lockers.setItem(d.board, d.door, false);
    await callApi(`${bo.url}/api/v1/staff/lockers/deposits/${d.id}/retrieved`, {
      method: 'POST',
      token: clerk,
    });
  }
  return doors.length;
}
