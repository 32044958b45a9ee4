/**
 * `locker.open` / `locker.commit`: a door of the kiosk's cabinet for a deposit (a free one: empty by
 * its sensor and holding nothing by the back office's records) or a pickup (the door the back
 * office says holds the citizen's result, after it checked the pickup code or the ID card). A door
 * is answered only once its sensor reports it open; a door that would not open is left out of the
 * next choice. The commit tells the back office once the door is closed (or the citizen says so).
 *
 * Every door opened for a citizen is journaled first (`locker-journal.ts`): the intent before the
 * door is unlocked, opened, closed, recorded. The record goes to the back office from the journal
 * (a deposit with an Idempotency-Key, a collection by its pickup id: a retry never makes a second),
 * at once when the door closes and again with backoff until the back office has it. At start,
 * `recover` asks the board about every door a previous run left unfinished and records it or marks
 * it abandoned, with a `locker.reconciled` log line for the technician.
 *
 * Doors are labelled for people as the cabinet's letter and a number, e.g. A-07 (the 7th door of
 * board 1); the back office knows them as cabinet A, board, door.
 */
import type { Logger } from '../../devices/core';
import { isBackofficeError, type BackofficeClient, type Outbox } from '../backend';
import type { LockersService } from '../device-host/services';
import type { Effect } from '../flow';
import { EffectFailure } from './failures';
import type { LockerEntry, LockerJournal } from './locker-journal';
import { personOf } from './lookups';
import type { SessionVault } from './vault';

type OpenEffect = Extract<Effect, { type: 'locker.open' }>;
type CommitEffect = Extract<Effect, { type: 'locker.commit' }>;

/** This kiosk's one cabinet, as the back office's door records name it. */
export const CABINET_ID = 'A';

export interface LockerDeps {
  lockers: LockersService | undefined;
  client: BackofficeClient | undefined;
  outbox: Outbox | undefined;
  vault: SessionVault;
  now(): number;
  log: Logger;
  journal?: LockerJournal | undefined;
}

/** What the background recovery and delivery need: the same, and the session's clock. */
export interface LockerRecoveryDeps {
  lockers: LockersService | undefined;
  client: BackofficeClient | undefined;
  journal: LockerJournal;
  log: Logger;
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

type Delivery = { kind: 'recorded' } | { kind: 'retry' } | { kind: 'rejected'; error: unknown };

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 60_000;

export class LockerDesk {
  /** Doors that would not open this run (jammed, dead lock): not offered again until one opens. */
  readonly #stuck = new Set<string>();
  /** Doors being opened now: their sensor's "opened" may come before the open call returns. */
  readonly #opening = new Set<string>();
  /** Journal entries being delivered now: the commit and the background loop never send one twice at once. */
  readonly #delivering = new Map<string, Promise<Delivery>>();
  /** Entries of this run (the session owns them until its commit); recovery leaves them alone. */
  readonly #live = new Set<string>();
  #kick: (() => void) | undefined;

  constructor(private readonly lockers: LockersService | undefined) {}

  label(board: number, door: number): string {
    const boards = this.lockers?.config.boards ?? [board];
    const per = this.lockers?.config.doorsPerBoard ?? 0;
    const n = Math.max(0, boards.indexOf(board)) * per + door;
    return `${CABINET_ID}-${String(n).padStart(2, '0')}`;
  }

  async open(effect: OpenEffect, deps: LockerDeps, signal: AbortSignal): Promise<{ door: string }> {
    const lockers = need(deps.lockers);
    const client = need(deps.client, 'notConfigured');
    let place: { board: number; door: number };
    let grant;
    let filing: { trackingNumber: string } | { filingId: string } | undefined;
    if (effect.purpose === 'pickup') {
      const subject = effect.subject;
      if (!subject) throw new EffectFailure('internal', 'a pickup for nobody');
      const proof = subject.by === 'code' ? { code: subject.value } : personOf(subject.identity);
      grant = await client.verifyPickup(proof, signal);
      if (!grant) throw new EffectFailure('notFound', 'no result waits for this pickup');
      if (grant.cabinetId !== CABINET_ID)
        deps.log.warn('locker.otherCabinet', { cabinetId: grant.cabinetId });
      place = { board: grant.board, door: grant.door };
    } else {
      filing = await this.#filingFor(effect, deps, signal);
      place = await this.#freeDoor(lockers, client, signal);
    }
    const label = this.label(place.board, place.door);
    const at = `${place.board}/${place.door}`;
    const journal = deps.journal;
    if (journal) {
      this.#live.add(effect.key);
      journal.intend({
        key: effect.key,
        purpose: effect.purpose,
        board: place.board,
        door: place.door,
        label,
        ...(filing && 'filingId' in filing ? { filingId: filing.filingId } : {}),
        ...(filing && 'trackingNumber' in filing ? { trackingNumber: filing.trackingNumber } : {}),
        ...(grant ? { pickupId: grant.pickupId } : {}),
      });
    }
    this.#opening.add(at);
    try {
      await lockers.open(place.board, place.door, signal);
    } catch (err) {
      this.#stuck.add(at);
      journal?.abandoned(effect.key, 'doorDidNotOpen');
      this.#live.delete(effect.key);
      throw err;
    } finally {
      this.#opening.delete(at);
    }
    this.#stuck.delete(at);
    const openedAt = deps.now();
    journal?.opened(effect.key, openedAt);
    deps.vault.doors.set(effect.key, { ...place, label, openedAt, ...(grant ? { grant } : {}) });
    deps.log.info('locker.opened', { purpose: effect.purpose, door: label });
    return { door: label };
  }

  async commit(effect: CommitEffect, deps: LockerDeps, signal: AbortSignal): Promise<object> {
    const client = need(deps.client, 'notConfigured');
    const found = [...deps.vault.doors.entries()].find(([, d]) => d.label === effect.door);
    if (!found) throw new EffectFailure('internal', 'a commit for a door this session did not open');
    const [key, opened] = found;
    const closedAt = deps.vault.closedAt.get(effect.door) ?? deps.now();
    if (effect.purpose === 'pickup' && !opened.grant)
      throw new EffectFailure('internal', 'a pickup without a grant');
    const journal = deps.journal;
    if (!journal) {
      // No journal (a rig without a data directory): the record goes straight to the back office.
      if (effect.purpose === 'pickup') {
        await client.pickupCollected(opened.grant!.pickupId, times(opened.openedAt, closedAt), signal);
      } else {
        const filing = await this.#filingFor(effect, deps, signal);
        await client.lockerDeposit({ ...filing, cabinetId: CABINET_ID, ...place(opened) }, signal);
      }
      deps.log.info('locker.recorded', { purpose: effect.purpose, door: effect.door });
      return {};
    }
    // From here the record is owed: durable first, then one attempt now, then the background loop.
    journal.closed(key, closedAt);
    this.#live.delete(key);
    const entry = journal.entry(key);
    if (!entry) throw new EffectFailure('internal', 'a commit for a door the journal does not know');
    if (entry.state === 'recorded') return {};
    const outcome = await this.#deliverOnce(entry, client, journal, deps.log, signal);
    if (outcome.kind === 'retry') {
      // Durable in the journal: the background loop delivers it when the back office answers.
      deps.log.warn('locker.recordQueued', { purpose: effect.purpose, door: effect.door });
      this.#kick?.();
    }
    if (outcome.kind === 'rejected') throw outcome.error;
    return {};
  }

  /** The session ended: whatever it opened and did not commit, the background loop owns now. */
  sessionEnded(): void {
    if (this.#live.size === 0) return;
    this.#live.clear();
    this.#kick?.();
  }

  /** A door's sensor says closed: entries of that door still open (this run's or a previous one's) are owed. */
  doorClosed(journal: LockerJournal | undefined, board: number, door: number, at: number): void {
    if (!journal) return;
    const closed = journal.doorClosed(board, door, at).filter((e) => !this.#live.has(e.key));
    if (closed.length > 0) this.#kick?.();
  }

  /**
   * From host start until `signal`: every entry a previous run left is reconciled with the board
   * (asked again until it answers), then every closed entry is delivered, with backoff while the
   * back office cannot be reached.
   */
  async recover(deps: LockerRecoveryDeps, signal: AbortSignal): Promise<void> {
    const { journal, log } = deps;
    const pending = journal.unfinished();
    if (pending.length > 0) log.info('locker.recovering', { entries: pending.length });
    const toReconcile = new Map(pending.filter((e) => e.state !== 'closed').map((e) => [e.key, e]));
    // Seen closed before the host died: owed to the back office whatever the board says now.
    for (const e of pending.filter((x) => x.state === 'closed'))
      log.warn('locker.reconciled', { ...logOf(e), outcome: 'deliver', reason: 'seenClosed' });
    let failures = 0;
    let kicked = false;
    let wake: (() => void) | undefined;
    this.#kick = () => {
      kicked = true;
      wake?.();
    };
    const stopped = new Promise<void>((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    while (!signal.aborted) {
      kicked = false;
      let again = false;
      if (toReconcile.size > 0) {
        if (await this.#reconcile([...toReconcile.values()], deps, signal)) toReconcile.clear();
        else again = true;
      }
      const client = deps.client;
      if (client) {
        for (const e of journal.unfinished()) {
          if (e.state !== 'closed' || this.#live.has(e.key) || signal.aborted) continue;
          if ((await this.#deliverOnce(e, client, journal, log, signal)).kind === 'retry') again = true;
        }
      }
      failures = again ? failures + 1 : 0;
      if (kicked || signal.aborted) continue;
      const nap = new AbortController();
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const delay = again
        ? Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(failures - 1, 10))
        : undefined;
      await Promise.race([
        woken,
        stopped,
        ...(delay !== undefined ? [deps.sleep(delay, nap.signal).catch(() => undefined)] : []),
      ]);
      nap.abort();
      wake = undefined;
    }
    this.#kick = undefined;
  }

  /** Reads the board of every entry; false when a board could not be read (try again later). */
  async #reconcile(entries: LockerEntry[], deps: LockerRecoveryDeps, signal: AbortSignal): Promise<boolean> {
    const { journal, log } = deps;
    const lockers = deps.lockers;
    if (!lockers) {
      for (const e of entries)
        log.warn('locker.reconcileWaiting', { door: e.label, reason: 'noLockerBoard' });
      return false;
    }
    const boards = new Map<number, Awaited<ReturnType<LockersService['readBoard']>>>();
    let complete = true;
    for (const e of entries) {
      let doors = boards.get(e.board);
      if (!doors) {
        try {
          doors = await lockers.readBoard(e.board, signal);
          boards.set(e.board, doors);
        } catch (err) {
          log.warn('locker.reconcileWaiting', {
            door: e.label,
            reason: err instanceof Error ? err.message : String(err),
          });
          complete = false;
          continue;
        }
      }
      const seen = doors.find((d) => d.door === e.door);
      if (!seen) {
        log.error('locker.reconciled', { ...logOf(e), outcome: 'abandoned', reason: 'noSuchDoor' });
        journal.abandoned(e.key, 'noSuchDoor');
        continue;
      }
      const board = { doorState: seen.state, itemPresent: seen.itemPresent };
      if (seen.state === 'open') {
        // Someone is at the door (or it was left open): it is recorded when its sensor says closed.
        if (e.state === 'intent') journal.opened(e.key, deps.now());
        log.warn('locker.reconciled', { ...logOf(e), ...board, outcome: 'waitingForClose' });
        continue;
      }
      const verdict = decide(e, seen.itemPresent);
      if (verdict.deliver) {
        journal.closed(e.key, deps.now());
        log.warn('locker.reconciled', { ...logOf(e), ...board, outcome: 'deliver', reason: verdict.reason });
      } else {
        journal.abandoned(e.key, verdict.reason);
        log.warn('locker.reconciled', {
          ...logOf(e),
          ...board,
          outcome: 'abandoned',
          reason: verdict.reason,
        });
      }
    }
    return complete;
  }

  #deliverOnce(
    entry: LockerEntry,
    client: BackofficeClient,
    journal: LockerJournal,
    log: Logger,
    signal: AbortSignal,
  ): Promise<Delivery> {
    const running = this.#delivering.get(entry.key);
    if (running) return running;
    const p = (async (): Promise<Delivery> => {
      try {
        if (entry.purpose === 'pickup') {
          if (!entry.pickupId) throw new EffectFailure('internal', 'a pickup entry without its pickup');
          const closedAt = entry.closedAt ?? entry.updatedAt;
          await client.pickupCollected(entry.pickupId, times(entry.openedAt ?? closedAt, closedAt), signal);
        } else {
          const filing = entry.filingId
            ? { filingId: entry.filingId }
            : entry.trackingNumber
              ? { trackingNumber: entry.trackingNumber }
              : undefined;
          if (!filing) throw new EffectFailure('internal', 'a deposit entry for no filing');
          await client.lockerDeposit(
            { ...filing, cabinetId: CABINET_ID, board: entry.board, door: entry.door },
            signal,
            entry.idempotencyKey,
          );
        }
        journal.recorded(entry.key);
        log.info('locker.recorded', { purpose: entry.purpose, door: entry.label });
        return { kind: 'recorded' };
      } catch (err) {
        const code = isBackofficeError(err)
          ? (err.code ?? err.kind)
          : err instanceof Error
            ? err.name
            : 'error';
        if (isBackofficeError(err) && !err.retryable) {
          journal.rejected(entry.key, String(code));
          log.error('locker.recordRejected', {
            purpose: entry.purpose,
            door: entry.label,
            code,
            status: err.status,
          });
          return { kind: 'rejected', error: err };
        }
        if (err instanceof EffectFailure) {
          journal.rejected(entry.key, err.failure);
          log.error('locker.recordRejected', {
            purpose: entry.purpose,
            door: entry.label,
            code: err.failure,
          });
          return { kind: 'rejected', error: err };
        }
        journal.attempted(entry.key, String(code));
        if (signal.aborted) return { kind: 'retry' };
        log.warn('locker.recordFailed', { purpose: entry.purpose, door: entry.label, code });
        return { kind: 'retry' };
      } finally {
        this.#delivering.delete(entry.key);
      }
    })();
    this.#delivering.set(entry.key, p);
    return p;
  }

  /**
   * The filing papers go in for: its tracking number, or for one filed in this journey its id once
   * the back office has it. A filing still waiting in the outbox is sent first; if the back office
   * cannot be reached, no door opens (the papers stay with the citizen, who is told).
   */
  async #filingFor(
    effect: OpenEffect | CommitEffect,
    deps: LockerDeps,
    signal: AbortSignal,
  ): Promise<{ trackingNumber: string } | { filingId: string }> {
    if (effect.trackingNumber) return { trackingNumber: effect.trackingNumber };
    const localId = effect.localId;
    if (!localId || !deps.outbox) throw new EffectFailure('internal', 'a deposit for no filing');
    let status = deps.outbox.status(localId);
    if (!status?.filingId) {
      deps.outbox.retryNow();
      await deps.outbox.drainOnce(signal);
      status = deps.outbox.status(localId);
    }
    if (!status?.filingId) throw new EffectFailure('network', 'the filing has not reached the back office');
    return { filingId: status.filingId };
  }

  async #freeDoor(
    lockers: LockersService,
    client: BackofficeClient,
    signal: AbortSignal,
  ): Promise<{ board: number; door: number }> {
    const held = new Set(
      (await client.lockerDoors(signal))
        .filter((d) => d.cabinetId === CABINET_ID)
        .map((d) => `${d.board}/${d.door}`),
    );
    const free = lockers
      .occupancy()
      .filter((d) => d.state === 'closed' && d.itemPresent !== true)
      .filter((d) => !held.has(`${d.board}/${d.door}`) && !this.#stuck.has(`${d.board}/${d.door}`));
    const first = free[0];
    if (!first) throw new EffectFailure('noFreeDoor', 'every door is in use or stuck');
    return { board: first.board, door: first.door };
  }

  /** Whether this desk is opening that door right now. */
  opening(board: number, door: number): boolean {
    return this.#opening.has(`${board}/${door}`);
  }
}

/**
 * What a door found closed at start holds, for an entry a previous run left: the board's item sensor
 * where it has one (CU), else what the journal says happened. A door journaled open (the citizen was
 * shown it) and closed again is recorded; one never seen open (the citizen was never told it) is
 * recorded only if the sensor sees papers in it.
 */
function decide(e: LockerEntry, itemPresent: boolean | null): { deliver: boolean; reason: string } {
  if (e.state === 'closed') return { deliver: true, reason: 'seenClosed' };
  if (e.purpose === 'deposit') {
    if (itemPresent === true) return { deliver: true, reason: 'papersInDoor' };
    if (itemPresent === false) return { deliver: false, reason: 'doorEmpty' };
    return e.state === 'opened'
      ? { deliver: true, reason: 'openedAndClosedNoSensor' }
      : { deliver: false, reason: 'neverOpenedNoSensor' };
  }
  if (itemPresent === true) return { deliver: false, reason: 'resultStillInDoor' };
  if (itemPresent === false) return { deliver: true, reason: 'resultTaken' };
  return e.state === 'opened'
    ? { deliver: true, reason: 'openedAndClosedNoSensor' }
    : { deliver: false, reason: 'neverOpenedNoSensor' };
}

/** A technician's line: the door and what it was for; never a person. */
function logOf(e: LockerEntry): Record<string, unknown> {
  return {
    purpose: e.purpose,
    door: e.label,
    board: e.board,
    lock: e.door,
    journaled: e.state,
    ...(e.trackingNumber ? { trackingNumber: e.trackingNumber } : {}),
    ...(e.filingId ? { filingId: e.filingId } : {}),
    ...(e.pickupId ? { pickupId: e.pickupId } : {}),
  };
}

function times(openedAt: number, closedAt: number): { doorOpenedAt: string; doorClosedAt: string } {
  return { doorOpenedAt: new Date(openedAt).toISOString(), doorClosedAt: new Date(closedAt).toISOString() };
}

function place(d: { board: number; door: number }): { board: number; door: number } {
  return { board: d.board, door: d.door };
}

function need<T>(v: T | undefined, failure: 'deviceDown' | 'notConfigured' = 'deviceDown'): T {
  if (v === undefined) throw new EffectFailure(failure, 'not configured on this kiosk');
  return v;
}
