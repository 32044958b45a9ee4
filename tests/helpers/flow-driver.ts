/**
 * Drives the pure flow engine as the host would, with scripted answers instead of devices: every
 * event carries a time from a fake clock, every transition's state goes through JSON (the engine's
 * state must survive being persisted at any point), and every view is checked against the
 * contract's FlowView schema and for personal data that must never reach the page.
 */
import { expect } from 'vitest';
import { shippedCatalogue, type Catalogue } from '../../domain/catalogue';
import type { Profile } from '../../domain/catalogue/vocabulary';
import { FlowView, type FlowFailure, type FlowInput } from '../../main/ipc/contract/flow';
import {
  advance,
  attract,
  viewOf,
  type Effect,
  type EngineEvent,
  type SessionState,
  type TimerName,
} from '../../main/flow';
import type { CardRole, DeviceSignal, KeyedEffect } from '../../main/flow/model';
import { RECORDS } from './flow-records';

export const RESIDENT = {
  method: 'idCard',
  name: '张晓明',
  idNumber: '110105200001011238',
  idKind: 'resident',
  gender: 'male',
  birthDate: '2000-01-01',
  address: '北京市东城区东四北大街100号',
} as const;

export const FOREIGN_2017 = {
  method: 'idCard',
  name: '约翰·史密斯',
  nameEn: 'JOHN SMITH',
  idNumber: 'USA110070070401',
  idKind: 'foreign2017',
  gender: 'male',
  birthDate: '1970-07-04',
} as const;

export const HKMOTW = {
  method: 'idCard',
  name: '陈大文',
  idNumber: '810000198001010014',
  idKind: 'hkmotw',
  gender: 'male',
  birthDate: '1980-01-01',
  address: '广东省深圳市福田区福华路1号',
} as const;

export const SOCIAL_SECURITY = {
  ...RESIDENT,
  method: 'socialSecurityCard',
  cardNumber: 'A12345678',
} as const;
export const BANK_CARD = { method: 'bankCard', pan: '6222021234567890128' } as const;

/** Values that must never appear in a view, whatever the journey. */
const SECRETS = [
  RESIDENT.idNumber,
  FOREIGN_2017.idNumber,
  HKMOTW.idNumber,
  BANK_CARD.pan,
  SOCIAL_SECURITY.cardNumber,
];

export class Journey {
  state: SessionState;
  now = Date.parse('2026-12-05T01:00:00Z');
  /** Every effect emitted so far, in order. */
  readonly log: Effect[] = [];
  /** Request effects not answered, cancelled or ended yet, by key. */
  readonly open = new Map<string, KeyedEffect>();
  readonly timers = new Map<TimerName, number>();
  view: FlowView;

  constructor(
    readonly catalogue: Catalogue = shippedCatalogue('hall'),
    profile: Profile = catalogue.profile,
  ) {
    this.state = attract(profile, this.now);
    this.view = viewOf(this.state, catalogue);
  }

  /** Applies one event (time advances `ms` first), as the host would, and returns the new effects. */
  send(event: DistributiveOmit<EngineEvent, 'at'>, ms = 1000): Effect[] {
    this.now += ms;
    const { state, effects } = advance(this.catalogue, this.state, { ...event, at: this.now });
    // The state is JSON: what is persisted and read back continues the journey unchanged.
    this.state = JSON.parse(JSON.stringify(state)) as SessionState;
    expect(this.state).toEqual(state);
    for (const e of effects) {
      this.log.push(e);
      if (e.type === 'timer.set') this.timers.set(e.name, e.token);
      else if (e.type === 'timer.clear') this.timers.delete(e.name);
      else if (e.type === 'cancel') this.open.delete(e.key);
      else if (e.type === 'session.end') this.open.clear();
      else if ('key' in e) this.open.set(e.key, e);
    }
    this.view = FlowView.parse(viewOf(this.state, this.catalogue));
    const shown = JSON.stringify(this.view);
    for (const secret of SECRETS) expect(shown).not.toContain(secret);
    return effects;
  }

  start(via: 'touch' | 'card' = 'touch', sessionId = 'S1'): this {
    this.send({ type: 'session.start', sessionId, via });
    return this;
  }

  input(input: FlowInput, ms?: number): this {
    this.send({ type: 'input', input }, ms);
    return this;
  }

  choose(serviceId: string): this {
    return this.input({ kind: 'chooseService', serviceId });
  }

  device(signal: DeviceSignal, ms?: number): this {
    this.send({ type: 'device', signal }, ms);
    return this;
  }

  /** The one open request of this type (fails the test when there is none or more than one). */
  request<T extends KeyedEffect['type']>(type: T): Extract<KeyedEffect, { type: T }> {
    const found = [...this.open.values()].filter((e) => e.type === type);
    expect(
      found.map((e) => e.type),
      `open ${type} requests`,
    ).toEqual([type]);
    return found[0] as Extract<KeyedEffect, { type: T }>;
  }

  requests<T extends KeyedEffect['type']>(type: T): Extract<KeyedEffect, { type: T }>[] {
    return [...this.open.values()].filter((e) => e.type === type) as Extract<KeyedEffect, { type: T }>[];
  }

  answer(type: KeyedEffect['type'], result: unknown = {}, ms?: number): this {
    const { key } = this.request(type);
    this.open.delete(key);
    this.send({ type: 'effect.done', key, result }, ms);
    return this;
  }

  fail(type: KeyedEffect['type'], failure: FlowFailure, held = false): this {
    const { key } = this.request(type);
    if (!held) this.open.delete(key);
    this.send({ type: 'effect.failed', key, failure, ...(held ? { held } : {}) });
    return this;
  }

  /** Fires an armed timer after its delay, as the host's timer would. */
  fire(name: TimerName): this {
    const token = this.timers.get(name);
    expect(token, `timer ${name} is armed`).toBeDefined();
    const set = [...this.log].reverse().find((e) => e.type === 'timer.set' && e.name === name);
    this.timers.delete(name);
    this.send({ type: 'timer.fired', name, token: token! }, set?.type === 'timer.set' ? set.ms : 0);
    return this;
  }

  /** Identifies through the open reader watch with a card of `role`. */
  identify(identity: Record<string, unknown>, role: CardRole = 'idCard'): this {
    this.device({ kind: 'card.inserted', role });
    return this.answer('device.readIdentity', identity);
  }

  get step() {
    return this.view.step;
  }

  get effectsOfTypes() {
    return this.log.map((e) => e.type);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Plays the citizen and the terminal on the happy path, one action at a time: what a step asks
 * for is answered with sample data. Returns false once the journey is on its done step (or over).
 */
export function autopilotStep(j: Journey): boolean {
  if (j.view.phase !== 'flow' || !j.step) return false;
  const open = [...j.open.values()];
  const answer = (type: KeyedEffect['type'], result: unknown = {}) => j.answer(type, result);
  const ask = open.find((e) => e.type !== 'device.readIdentity' && e.type !== 'scanner.listen');
  if (ask) {
    switch (ask.type) {
      case 'backoffice.query':
        answer(ask.type, RECORDS[ask.query]);
        return true;
      case 'backoffice.submit':
        answer(ask.type, {
          localId: ask.localId,
          delivered: true,
          trackingNumber: 'YZ20261205-000042M',
          qrPayload: 'yizhan://track/YZ20261205-000042M?v=AbCdEfGhIjKlMnOp',
        });
        return true;
      case 'backoffice.awaitResult':
        answer(ask.type, { decision: 'approved' });
        return true;
      case 'backoffice.queueTicket':
      case 'backoffice.checkIn':
        answer(ask.type, { number: 'A001', waiting: 3 });
        return true;
      case 'locker.open':
        answer(ask.type, { door: 'A-01' });
        return true;
      case 'backoffice.rate':
      case 'locker.commit':
      case 'print.a4':
      case 'print.receipt':
      case 'cancel':
        answer(ask.type);
        return true;
    }
  }
  const step = j.step;
  switch (step.kind) {
    case 'identify': {
      const method = step.accept[0];
      const identity =
        method === 'bankCard' ? BANK_CARD : method === 'socialSecurityCard' ? SOCIAL_SECURITY : RESIDENT;
      j.identify(identity, method === 'qr' ? 'idCard' : (method ?? 'idCard'));
      return true;
    }
    case 'form': {
      const def = j.catalogue.services.find((s) => s.serviceId === j.view.service?.serviceId)!;
      j.input({ kind: 'form', values: def.sampleForm! });
      return true;
    }
    case 'choose':
      j.input({ kind: 'choose', value: step.options[0]!.value });
      return true;
    case 'capture':
      for (const m of step.materials.filter((x) => x.required && x.pages === 0))
        j.input({ kind: 'capture', material: m.kind, ref: `ref-${m.kind}`, pages: 1 });
      j.input({ kind: 'next' });
      return true;
    case 'enterCode':
      j.input({ kind: 'code', value: step.code === 'pickupCode' ? '482190' : 'YZ20261123-000123K' });
      return true;
    case 'rate':
      j.input({ kind: 'rate', rating: { level: 5, options: [] } });
      return true;
    case 'lockerDeposit':
    case 'lockerPickup':
      j.device({ kind: 'door.closed', door: step.door ?? 'A-01' });
      return true;
    case 'done':
    case 'referral':
      return false;
    case 'guide':
    case 'lookup':
    case 'elicences':
    case 'confirm':
    case 'print':
    case 'sample':
    case 'notice':
    case 'submit':
    case 'waitResult':
    case 'queueTicket':
    case 'checkIn':
      j.input({ kind: 'next' });
      return true;
  }
}
