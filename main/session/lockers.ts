/**
 * `locker.open` / `locker.commit`: a door of the kiosk's cabinet for a deposit (a free one: empty by
 * its sensor and holding nothing by the back office's records) or a pickup (the door the back
 * office says holds the citizen's result, after it checked the pickup code or the ID card). A door
 * is answered only once its sensor reports it open; a door that would not open is left out of the
 * next choice. The commit tells the back office once the door is closed (or the citizen says so).
 *
 * Doors are labelled for people as the cabinet's letter and a number, e.g. A-07 (the 7th door of
 * board 1); the back office knows them as cabinet A, board, door.
 */
import type { Logger } from '../../devices/core';
import type { BackofficeClient, Outbox } from '../backend';
import type { LockersService } from '../device-host/services';
import type { Effect } from '../flow';
import { EffectFailure } from './failures';
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
}

export class LockerDesk {
  /** Doors that would not open this run (jammed, dead lock): not offered again until one opens. */
  readonly #stuck = new Set<string>();
  /** Doors being opened now: their sensor's "opened" may come before the open call returns. */
  readonly #opening = new Set<string>();

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
      await this.#filingFor(effect, deps, signal);
      place = await this.#freeDoor(lockers, client, signal);
    }
    const label = this.label(place.board, place.door);
    const at = `${place.board}/${place.door}`;
    this.#opening.add(at);
    try {
      await lockers.open(place.board, place.door, signal);
    } catch (err) {
      this.#stuck.add(at);
      throw err;
    } finally {
      this.#opening.delete(at);
    }
    this.#stuck.delete(at);
    deps.vault.doors.set(effect.key, { ...place, label, openedAt: deps.now(), ...(grant ? { grant } : {}) });
    deps.log.info('locker.opened', { purpose: effect.purpose, door: label });
    return { door: label };
  }

  async commit(effect: CommitEffect, deps: LockerDeps, signal: AbortSignal): Promise<object> {
    const client = need(deps.client, 'notConfigured');
    const opened = [...deps.vault.doors.values()].find((d) => d.label === effect.door);
    if (!opened) throw new EffectFailure('internal', 'a commit for a door this session did not open');
    if (effect.purpose === 'pickup') {
      if (!opened.grant) throw new EffectFailure('internal', 'a pickup without a grant');
      const closedAt = deps.vault.closedAt.get(effect.door) ?? deps.now();
      await client.pickupCollected(
        opened.grant.pickupId,
        {
          doorOpenedAt: new Date(opened.openedAt).toISOString(),
          doorClosedAt: new Date(closedAt).toISOString(),
        },
        signal,
      );
    } else {
      const filing = await this.#filingFor(effect, deps, signal);
      await client.lockerDeposit(
        { ...filing, cabinetId: CABINET_ID, board: opened.board, door: opened.door },
        signal,
      );
    }
    deps.log.info('locker.recorded', { purpose: effect.purpose, door: effect.door });
    return {};
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

function need<T>(v: T | undefined, failure: 'deviceDown' | 'notConfigured' = 'deviceDown'): T {
  if (v === undefined) throw new EffectFailure(failure, 'not configured on this kiosk');
  return v;
}
