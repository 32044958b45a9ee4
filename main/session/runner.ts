/**
 * The host's session runner (README.md): it owns the one engine state, feeds every event into
 * `advance` (page inputs, device signals, effect answers, timers from the injected clock) one at a
 * time, and carries out every effect the engine returns. Identity and everything else of the
 * citizen stay in this process's memory and go when the session ends.
 */
import { randomUUID } from 'node:crypto';
import { Emitter, sleep, type Logger } from '../../devices/core';
import { findService, type Catalogue } from '../../domain/catalogue/catalogue';
import { availability } from '../../domain/catalogue/service';
import { isYimabanCode } from '../../domain/identity';
import type { DeviceRole } from '../../domain/catalogue/vocabulary';
import type { BackofficeClient, Outbox } from '../backend';
import type { DeviceServices } from '../device-host/services';
import {
  advance,
  attract,
  idleLimits,
  catalogueView,
  viewOf,
  type CardRole,
  type DeviceSignal,
  type Effect,
  type EngineEvent,
  type KeyedEffect,
  type SessionState,
  type TimerName,
} from '../flow';
import type { CatalogueView, FlowInput, FlowView, SessionEnded, SessionPhase } from '../ipc/contract/flow';
import type { Printing, PrintClock } from '../printing';
import { EffectFailure, describeError, failureOf } from './failures';
import { awaitResult, checkIn, queueTicket, rate, submit, type FilingDeps } from './filings';
import { readIdentity, type ReadContext } from './identity';
import type { LockerJournal } from './locker-journal';
import { LockerDesk, type LockerDeps } from './lockers';
import { lookUp } from './lookups';
import { runPrint, type PrintDeps, type PrintHold, type SiteInfo } from './prints';
import { SessionVault } from './vault';

/** Time as the session sees it: the same shape as main/printing's clock (tests move one by hand). */
export type SessionClock = PrintClock;
export const systemClock: SessionClock = { now: Date.now, sleep };

export interface SessionOptions {
  kioskId: string;
  catalogue: Catalogue;
  services: DeviceServices;
  printing?: Printing | undefined;
  client?: BackofficeClient | undefined;
  outbox?: Outbox | undefined;
  /** The durable locker journal (`lockers.sqlite`); without it a deposit is recorded from memory. */
  lockerJournal?: LockerJournal | undefined;
  clock?: SessionClock;
  log: Logger;
  site?: Partial<SiteInfo>;
  /** The site's idle limit (`site.idleSeconds`, ms); default LIMITS.idleMs. */
  idleMs?: number | undefined;
  newSessionId?: () => string;
}

export interface SessionEvents extends Record<string, unknown> {
  /** What the screen shows, after every transition that changed it. */
  view: FlowView;
  ended: SessionEnded;
  /** A citizen is served (browsing, flow, ending) or the terminal waits (attract, ended). */
  serving: boolean;
}

type Input = DistributiveOmit<EngineEvent, 'at'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Requests whose success is remembered for the session: asked again under the same key, they are not repeated. */
const ONCE: ReadonlySet<Effect['type']> = new Set([
  'backoffice.submit',
  'backoffice.awaitResult',
  'backoffice.queueTicket',
  'backoffice.checkIn',
  'backoffice.rate',
  'locker.open',
  'locker.commit',
  'print.receipt',
  'print.a4',
]);
/** Requests that finish even when the session ends under them (the thing already happened physically or is durable). */
const OUTLIVE_SESSION: ReadonlySet<Effect['type']> = new Set([
  'backoffice.submit',
  'locker.commit',
  'backoffice.rate',
]);

export class SessionRunner {
  readonly events = new Emitter<SessionEvents>();
  readonly #o: SessionOptions;
  readonly #clock: SessionClock;
  readonly #log: Logger;
  #site: SiteInfo;
  #state: SessionState;
  /** The catalogue of the running session, and the one the next session gets. */
  #catalogue: Catalogue;
  #next: Catalogue;
  readonly #queue: Input[] = [];
  #draining = false;
  readonly #timers = new Map<TimerName, AbortController>();
  readonly #running = new Map<string, { type: Effect['type']; control: AbortController; held: boolean }>();
  readonly #answered = new Map<string, unknown>();
  readonly #attempted = new Set<string>();
  readonly #vault = new SessionVault();
  readonly #lockers: LockerDesk;
  readonly #recovery = new AbortController();
  /** Doors this terminal opened for citizens and not yet seen closed (labels), across sessions. */
  readonly #openDoors = new Set<string>();
  /** The card on the ID reader was the previous citizen's: not read again until it is lifted. */
  #staleIdCard = false;
  /** The card in the PC/SC reader, as which role it was announced. */
  #pcscCard: CardRole | undefined;
  readonly #offs: (() => void)[] = [];
  #lastView = '';
  #stopped = false;
  /** false while a technician holds the terminal (vendor mode): no session starts. */
  #accepting = true;
  /** Asked first about a card put in the PC/SC reader at the attract screen (a technician's card). */
  #claimCard: (() => Promise<boolean>) | undefined;

  constructor(o: SessionOptions) {
    this.#o = o;
    this.#clock = o.clock ?? systemClock;
    this.#log = o.log.child({ component: 'session' });
    this.#site = {
      hallName: o.site?.hallName ?? '政务服务中心24小时自助服务厅',
      terminal: o.site?.terminal ?? `自助终端 ${o.kioskId}`.slice(0, 30),
    };
    this.#catalogue = this.#next = o.catalogue;
    this.#state = attract(
      o.catalogue.profile,
      this.#clock.now(),
      o.idleMs === undefined ? undefined : idleLimits(o.idleMs),
    );
    this.#lockers = new LockerDesk(o.services.lockers);
    this.#watchDevices();
  }

  // -------------------------------------------------------------------------------------------
  // What the host's channels call.

  view(): FlowView {
    return viewOf(this.#state, this.#catalogue);
  }

  get serving(): boolean {
    return ['browsing', 'flow', 'ending'].includes(this.#state.phase);
  }

  get phase(): SessionPhase {
    return this.#state.phase;
  }

  /** The catalogue as the page lists it, each service available or not by the devices that serve now. */
  catalogueView(): CatalogueView {
    return catalogueView(this.#catalogue, this.#usableRoles());
  }

  /** The catalogue the next session runs (a pushed one that validated); swapped only between sessions. */
  setCatalogue(catalogue: Catalogue): void {
    this.#next = catalogue;
    if (!this.serving) {
      this.#catalogue = catalogue;
      this.#emitView();
    }
  }

  /** The hall's name and the terminal's label as slips print them (from the back office's site configuration). */
  setSite(site: Partial<SiteInfo>): void {
    this.#site = { ...this.#site, ...site };
  }

  /** Vendor mode: while closed, neither a touch nor a card starts a session (the running one finishes). */
  accept(open: boolean): void {
    this.#accepting = open;
  }

  /**
   * `claim` answers whether a card put in the PC/SC reader while nobody is served is someone else's
   * business (diagnostics: the site's technician card); such a card starts no citizen session.
   */
  claimCards(claim: () => Promise<boolean>): void {
    this.#claimCard = claim;
  }

  get accepting(): boolean {
    return this.#accepting;
  }

  /** A touch on the attract screen. */
  start(): FlowView {
    this.#startSession('touch');
    return this.view();
  }

  input(input: FlowInput): FlowView {
    if (input.kind === 'chooseService' && !this.#offered(input.serviceId)) return this.view();
    this.#send({ type: 'input', input });
    return this.view();
  }

  /**
   * A material the page captured on the document camera: assembled into one PDF here, kept in the
   * session's memory under a fresh ref, and handed to the engine as the `capture` input.
   */
  async capture(material: string, pages: { paper: 'a4' | 'id1'; jpeg: Uint8Array }[]): Promise<FlowView> {
    const camera = this.#o.services.camera;
    if (!camera) throw new EffectFailure('deviceDown', 'no document camera');
    const step = this.view().step;
    if (this.#state.phase !== 'flow' || step?.kind !== 'capture')
      throw new EffectFailure('refused', 'not capturing now');
    const name = step.materials.find((m) => m.kind === material)?.name.zh;
    const pdf = await camera.assemblePdf({ pages, ...(name ? { title: name } : {}) });
    const ref = randomUUID();
    this.#vault.captures.set(ref, { material, pdf, pages: pages.length });
    this.#send({ type: 'input', input: { kind: 'capture', material, ref, pages: pages.length } });
    return this.view();
  }

  /**
   * Doors a previous run left unrecorded are reconciled with the board and recorded, and every
   * record the back office could not take yet is retried, until `stop()`. The host calls it once.
   */
  recoverLockers(): Promise<void> {
    const journal = this.#o.lockerJournal;
    if (!journal) return Promise.resolve();
    const clock = this.#clock;
    return this.#lockers.recover(
      {
        lockers: this.#o.services.lockers,
        client: this.#o.client,
        journal,
        log: this.#log,
        now: () => clock.now(),
        sleep: (ms, signal) => clock.sleep(ms, signal),
      },
      this.#recovery.signal,
    );
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#recovery.abort();
    for (const off of this.#offs.splice(0)) off();
    for (const t of this.#timers.values()) t.abort();
    for (const r of this.#running.values()) r.control.abort(new Error('host stopping'));
    this.#timers.clear();
    this.#running.clear();
    this.#vault.clear();
    return Promise.resolve();
  }

  // -------------------------------------------------------------------------------------------
  // Events, one at a time.

  #send(event: Input): void {
    if (this.#stopped) return;
    this.#queue.push(event);
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) this.#apply(next);
    } finally {
      this.#draining = false;
    }
  }

  #apply(input: Input): void {
    const event: EngineEvent = { ...input, at: this.#clock.now() };
    const wasServing = this.serving;
    if (event.type === 'session.start' && !wasServing) this.#catalogue = this.#next;
    let effects: Effect[];
    try {
      ({ state: this.#state, effects } = advance(this.#catalogue, this.#state, event));
    } catch (err) {
      // The engine is pure and total; if it ever throws, the event is dropped and the technician told.
      this.#log.error('session.engineFailed', { event: event.type, ...describeError(err) });
      return;
    }
    for (const e of effects) this.#run(e);
    this.#emitView();
    if (this.serving !== wasServing) this.events.emit('serving', this.serving);
  }

  #emitView(): void {
    const view = this.view();
    const text = JSON.stringify(view);
    if (text === this.#lastView) return;
    this.#lastView = text;
    this.events.emit('view', view);
  }

  #startSession(via: 'touch' | 'card'): void {
    if (this.serving) return;
    if (!this.#accepting) {
      this.#log.info('session.refusedOutOfService', { via });
      return;
    }
    const sessionId = this.#o.newSessionId?.() ?? randomUUID();
    this.#log.info('session.started', { sessionId, via, catalogue: this.#next.source });
    this.#send({ type: 'session.start', sessionId, via });
  }

  #signal(signal: DeviceSignal): void {
    this.#send({ type: 'device', signal });
  }

  // -------------------------------------------------------------------------------------------
  // Effects.

  #run(e: Effect): void {
    switch (e.type) {
      case 'timer.set': {
        this.#timers.get(e.name)?.abort();
        const control = new AbortController();
        this.#timers.set(e.name, control);
        this.#clock.sleep(e.ms, control.signal).then(
          () => {
            if (this.#timers.get(e.name) === control) this.#timers.delete(e.name);
            this.#send({ type: 'timer.fired', name: e.name, token: e.token });
          },
          () => undefined,
        );
        return;
      }
      case 'timer.clear':
        this.#timers.get(e.name)?.abort();
        this.#timers.delete(e.name);
        return;
      case 'cancel': {
        const r = this.#running.get(e.key);
        this.#running.delete(e.key);
        r?.control.abort(new Error('cancelled'));
        return;
      }
      case 'session.end':
        return this.#endSession(e);
      case 'device.readIdentity':
      case 'scanner.listen':
      case 'backoffice.query':
      case 'backoffice.submit':
      case 'backoffice.awaitResult':
      case 'backoffice.queueTicket':
      case 'backoffice.checkIn':
      case 'backoffice.rate':
      case 'locker.open':
      case 'locker.commit':
      case 'print.receipt':
      case 'print.a4':
        return this.#request(e);
    }
  }

  #request(e: KeyedEffect): void {
    if (ONCE.has(e.type) && this.#answered.has(e.key)) {
      this.#send({ type: 'effect.done', key: e.key, result: this.#answered.get(e.key) });
      return;
    }
    if (this.#running.has(e.key)) return;
    const control = new AbortController();
    const entry = { type: e.type, control, held: false };
    this.#running.set(e.key, entry);
    const retried = this.#attempted.has(e.key);
    this.#attempted.add(e.key);
    const hold: PrintHold = {
      held: (failure) => {
        if (this.#running.get(e.key) !== entry) return;
        entry.held = true;
        this.#log.warn('effect.held', { type: e.type, key: e.key, failure });
        this.#send({ type: 'effect.failed', key: e.key, failure, held: true });
      },
      // Printing again: no longer left for collection if the session ends now.
      resumed: () => {
        if (this.#running.get(e.key) !== entry || !entry.held) return;
        entry.held = false;
        this.#log.info('effect.resumed', { type: e.type, key: e.key });
        this.#send({ type: 'effect.resumed', key: e.key });
      },
    };
    this.#handle(e, control.signal, retried, hold).then(
      (result) => {
        if (this.#running.get(e.key) !== entry) return;
        this.#running.delete(e.key);
        if (ONCE.has(e.type)) this.#answered.set(e.key, result);
        this.#send({ type: 'effect.done', key: e.key, result });
      },
      (err: unknown) => {
        if (this.#running.get(e.key) !== entry || control.signal.aborted) return;
        this.#running.delete(e.key);
        const failure = failureOf(err);
        const fields = { type: e.type, key: e.key, failure, ...describeError(err) };
        if (failure === 'internal') this.#log.error('effect.failed', fields);
        else this.#log.warn('effect.failed', fields);
        this.#send({ type: 'effect.failed', key: e.key, failure });
      },
    );
  }

  #handle(e: KeyedEffect, signal: AbortSignal, retried: boolean, hold: PrintHold): Promise<unknown> {
    const o = this.#o;
    switch (e.type) {
      case 'device.readIdentity':
        return readIdentity(e.accept, this.#readContext(), signal);
      case 'scanner.listen': {
        const scanner = o.services.scanner;
        if (!scanner) return Promise.reject(new EffectFailure('deviceDown', 'no scanner'));
        return new Promise((resolve, reject) => {
          const off = scanner.listen((scan) => {
            // A 一码办 code is the identify step's (identity.ts), never a code value of the flow.
            if (isYimabanCode(scan.text)) return;
            off();
            resolve({ value: scan.text.slice(0, 200) });
          });
          signal.addEventListener('abort', () => (off(), reject(new Error('cancelled'))), { once: true });
        });
      }
      case 'backoffice.query':
        if (!o.client) return Promise.reject(new EffectFailure('notConfigured', 'no back office'));
        return lookUp(e.query, e.subject, o.client, this.#vault, signal);
      case 'backoffice.submit':
        return submit(e, this.#filingDeps(), signal);
      case 'backoffice.awaitResult':
        return awaitResult(e, this.#filingDeps(), signal);
      case 'backoffice.queueTicket':
        return queueTicket(e, this.#filingDeps(), signal);
      case 'backoffice.checkIn':
        return checkIn(e, this.#filingDeps(), signal);
      case 'backoffice.rate': {
        const data = this.#state.flow?.data;
        return rate(
          e,
          { identity: this.#state.identity, code: data?.code, localId: data?.submission?.localId },
          this.#filingDeps(),
          signal,
          retried,
        );
      }
      case 'locker.open':
        return this.#lockers.open(e, this.#lockerDeps(), signal);
      case 'locker.commit':
        return this.#lockers.commit(e, this.#lockerDeps(), signal);
      case 'print.receipt':
      case 'print.a4':
        if (!o.printing) return Promise.reject(new EffectFailure('deviceDown', 'no printing'));
        return runPrint(e, this.#printDeps(o.printing), signal, hold);
      case 'cancel':
        return Promise.resolve({});
    }
  }

  #readContext(): ReadContext {
    return {
      services: this.#o.services,
      now: () => this.#clock.now(),
      staleIdCard: () => this.#staleIdCard,
      ...(this.#o.client ? { resolveCode: this.#o.client.resolveYimaban.bind(this.#o.client) } : {}),
      readAs: (role) => {
        if (this.#pcscCard === role) return;
        if (this.#pcscCard) this.#signal({ kind: 'card.removed', role: this.#pcscCard });
        this.#pcscCard = role;
        this.#signal({ kind: 'card.inserted', role });
      },
    };
  }

  #filingDeps(): FilingDeps {
    return { client: this.#o.client, outbox: this.#o.outbox, vault: this.#vault, log: this.#log };
  }

  #lockerDeps(): LockerDeps {
    return {
      ...this.#filingDeps(),
      lockers: this.#o.services.lockers,
      now: () => this.#clock.now(),
      journal: this.#o.lockerJournal,
    };
  }

  #printDeps(printing: Printing): PrintDeps {
    return {
      printing,
      client: this.#o.client,
      outbox: this.#o.outbox,
      vault: this.#vault,
      catalogue: this.#catalogue,
      site: this.#site,
      now: () => this.#clock.now(),
      log: this.#log,
      receipt: (event) =>
        this.#signal({ kind: event === 'presented' ? 'receipt.presented' : 'receipt.taken' }),
    };
  }

  /** The engine ended the session: everything of the citizen goes, reminders were raised before. */
  #endSession(e: Extract<Effect, { type: 'session.end' }>): void {
    for (const [key, r] of this.#running) {
      const printing = r.type === 'print.a4' || r.type === 'print.receipt';
      // A print held for paper is left for collection: nothing comes out of an unattended tray later.
      if (OUTLIVE_SESSION.has(r.type) || (printing && !r.held)) continue;
      this.#running.delete(key);
      r.control.abort(new Error('session ended'));
    }
    if (this.#o.services.idCard && this.#o.services.idCard.card() !== 'absent') this.#staleIdCard = true;
    this.#vault.clear();
    this.#answered.clear();
    this.#attempted.clear();
    // Doors this session opened and never committed are the journal's now: recorded when they close.
    this.#lockers.sessionEnded();
    const started = this.#state.startedAt;
    this.#log.info('session.ended', {
      sessionId: this.#state.sessionId,
      reason: e.reason,
      outcome: e.outcome,
      unresolved: e.unresolved,
      ...(started !== undefined ? { durationMs: this.#clock.now() - started } : {}),
    });
    this.events.emit('ended', { reason: e.reason, outcome: e.outcome });
    // A catalogue pushed during the session is the next one's.
    this.#catalogue = this.#next;
  }

  // -------------------------------------------------------------------------------------------
  // Devices: the physical outcomes the engine hears about, and a card placed on the attract screen.

  #watchDevices(): void {
    const s = this.#o.services;
    if (s.idCard)
      this.#offs.push(
        s.idCard.watch((e) => {
          if (e.kind === 'placed') {
            if (!this.serving) this.#startSession('card');
            this.#signal({ kind: 'card.inserted', role: 'idCard' });
          } else if (e.kind === 'removed') {
            this.#staleIdCard = false;
            this.#signal({ kind: 'card.removed', role: 'idCard' });
          }
        }),
      );
    const cards = s.socialSecurityCard ?? s.bankCard;
    if (cards) {
      let present = cards.cardPresent();
      this.#offs.push(
        cards.onAvailability(() => {
          const now = cards.cardPresent();
          if (now === present) return;
          present = now;
          if (now) {
            const arrived = () => {
              if (!this.serving) this.#startSession('card');
              this.#pcscCard = s.socialSecurityCard ? 'socialSecurityCard' : 'bankCard';
              this.#signal({ kind: 'card.inserted', role: this.#pcscCard });
            };
            if (this.serving || !this.#claimCard || !this.#accepting) return arrived();
            // Still in the reader once asked (and not claimed): the citizen's card.
            void this.#claimCard().then(
              (claimed) => !claimed && !this.#stopped && cards.cardPresent() && arrived(),
              () => cards.cardPresent() && arrived(),
            );
          } else if (this.#pcscCard) {
            const role = this.#pcscCard;
            this.#pcscCard = undefined;
            this.#signal({ kind: 'card.removed', role });
          }
        }),
      );
    }
    if (s.lockers)
      this.#offs.push(
        s.lockers.onDoor((e) => {
          if (e.kind !== 'opened' && e.kind !== 'closed') return;
          if (e.kind === 'closed')
            this.#lockers.doorClosed(this.#o.lockerJournal, e.board, e.door, this.#clock.now());
          const label = this.#lockers.label(e.board, e.door);
          const ours =
            this.#lockers.opening(e.board, e.door) ||
            [...this.#vault.doors.values()].some((d) => d.label === label);
          if (e.kind === 'opened' && ours) {
            this.#openDoors.add(label);
            this.#signal({ kind: 'door.opened', door: label });
          } else if (e.kind === 'closed' && this.#openDoors.delete(label)) {
            this.#vault.closedAt.set(label, this.#clock.now());
            this.#signal({ kind: 'door.closed', door: label });
          }
        }),
      );
  }

  #usableRoles(): Set<DeviceRole> {
    return new Set(
      this.#o.services
        .availability()
        .filter((a) => a.usable)
        .map((a) => a.role),
    );
  }

  /** A service the citizen may start: in the catalogue and its devices serving now. */
  #offered(serviceId: string): boolean {
    const def = findService(this.#catalogue, serviceId);
    if (!def) return false;
    const a = availability(def, this.#usableRoles());
    if (!a.available) this.#log.warn('session.serviceUnavailable', { serviceId, missing: a.missing });
    return a.available;
  }
}
