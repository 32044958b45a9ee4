/**
 * The session machine around the flows, and the engine's two entry points:
 *
 *   advance(catalogue, state, event) → { state, effects }   what the host calls for every event
 *   step(definition, state, event)   → { state, effects }   the same, for a state running `definition`
 *
 * attract →(touch | card)→ browsing →(service chosen)→ flow →(done | cancel | idle | fault end)→
 * ending (reminders: card, receipt, door) → ended(reason). One citizen at a time.
 */
import { findService, type Catalogue } from '../../domain/catalogue/catalogue';
import type { ServiceDefinition } from '../../domain/catalogue/service';
import {
  armBrowse,
  browseMethods,
  flowDevice,
  flowDone,
  flowFailed,
  flowInput,
  flowResumed,
  flowTimer,
  leaveService,
  startFlow,
  type Env,
} from './engine';
import { beginEnding, finishEnding, onIdleTimer, remindersOf, restartIdle, syncBusy } from './lifecycle';
import {
  Identity,
  attract,
  type DeviceSignal,
  type EngineEvent,
  type SessionState,
  type Transition,
} from './model';
import { Tx } from './tx';

type Resolve = (serviceId: string) => ServiceDefinition | undefined;

export function advance(catalogue: Catalogue, state: SessionState, event: EngineEvent): Transition {
  return run(state, event, (id) => findService(catalogue, id), { catalogue });
}

/** `step` for a state whose running flow is `definition` (or that is about to start it). */
export function step(
  definition: ServiceDefinition,
  state: SessionState,
  event: EngineEvent,
  catalogue?: Catalogue,
): Transition {
  const resolve: Resolve = (id) =>
    id === definition.serviceId ? definition : catalogue && findService(catalogue, id);
  return run(state, event, resolve, catalogue ? { catalogue } : {});
}

function run(state: SessionState, event: EngineEvent, resolve: Resolve, env: Env): Transition {
  const tx = new Tx(state, event.at);
  handle(tx, event, resolve, env);
  syncBusy(tx);
  return tx.result();
}

function handle(tx: Tx, event: EngineEvent, resolve: Resolve, env: Env): void {
  const s = tx.s;
  const def = s.flow ? resolve(s.flow.serviceId) : undefined;
  switch (event.type) {
    case 'session.start':
      if (s.phase !== 'attract' && s.phase !== 'ended') return;
      return begin(tx, event.sessionId);
    case 'host.restarted':
      if (s.phase === 'attract' || s.phase === 'ended') return;
      if (s.phase !== 'ending') beginEnding(tx, 'hostRestart', s.flow?.outcome ?? 'abandoned');
      else {
        s.ending = { reason: 'hostRestart', outcome: s.ending?.outcome ?? 'abandoned' };
        finishEnding(tx);
      }
      return;
    case 'device':
      return onDevice(tx, event.signal, def, env);
    case 'timer.fired': {
      if (s.timers[event.name] !== event.token) return; // cleared or re-armed since: stale
      if (event.name === 'idle' || event.name === 'idleEnd') return onIdleTimer(tx, event.name);
      if (event.name === 'reminders') return s.phase === 'ending' ? finishEnding(tx) : undefined;
      if (s.phase === 'flow' && def) return flowTimer(tx, def, event.name, env);
      delete s.timers[event.name];
      return;
    }
    case 'effect.done':
      if (s.browse?.key === event.key) return onBrowseIdentity(tx, event.result);
      if (s.phase === 'flow' && def) flowDone(tx, def, event.key, event.result, env);
      return;
    case 'effect.failed':
      if (s.browse?.key === event.key) {
        s.browse = { key: s.browse.key, notice: 'cardUnreadable' };
        tx.emit({ type: 'device.readIdentity', key: s.browse.key, accept: browseMethods(s) });
        return;
      }
      if (s.phase === 'flow' && def) flowFailed(tx, def, event.key, event.failure, event.held === true, env);
      return;
    case 'effect.resumed':
      if (s.phase === 'flow' && def) flowResumed(tx, def, event.key, env);
      return;
    case 'input':
      return onInput(tx, event, resolve, def, env);
  }
}

function begin(tx: Tx, sessionId: string): void {
  const fresh = attract(tx.s.profile, tx.at, tx.s.idleLimits);
  // The devices' physical state outlives sessions (a card left behind is still there).
  Object.assign(tx.s, fresh, { devices: tx.s.devices, seq: tx.s.seq, timers: {} });
  delete tx.s.ended;
  tx.s.sessionId = sessionId;
  tx.s.startedAt = tx.at;
  tx.s.phase = 'browsing';
  restartIdle(tx);
  armBrowse(tx);
}

/** A card placed while browsing identifies the citizen for whatever they choose next. */
function onBrowseIdentity(tx: Tx, raw: unknown): void {
  const s = tx.s;
  const identity = Identity.safeParse(raw);
  if (!identity.success) {
    s.browse = { key: s.browse!.key, notice: 'cardUnreadable' };
    tx.emit({ type: 'device.readIdentity', key: s.browse.key, accept: browseMethods(s) });
    return;
  }
  s.identity = identity.data;
  delete s.browse;
  restartIdle(tx);
}

function onInput(
  tx: Tx,
  event: Extract<EngineEvent, { type: 'input' }>,
  resolve: Resolve,
  def: ServiceDefinition | undefined,
  env: Env,
): void {
  const s = tx.s;
  const input = event.input;
  if (s.phase !== 'browsing' && s.phase !== 'flow') return;
  restartIdle(tx); // any touch is a sign of life
  switch (input.kind) {
    case 'tap':
    case 'extend':
      return;
    case 'elder':
      s.elder = input.on;
      if (s.idle && !s.idle.paused) restartIdle(tx);
      return;
    case 'cancel':
      return beginEnding(tx, 'cancel', s.flow?.outcome ?? 'abandoned');
    case 'chooseService': {
      if (s.phase !== 'browsing') return;
      const chosen = resolve(input.serviceId);
      if (!chosen) return;
      if (s.browse) tx.emit({ type: 'cancel', key: s.browse.key });
      delete s.browse;
      return startFlow(tx, chosen, env);
    }
    case 'back':
    case 'next':
    case 'skip':
    case 'choose':
    case 'form':
    case 'code':
    case 'capture':
    case 'uncapture':
    case 'elicences':
    case 'rate':
    case 'fault':
    case 'another':
    case 'finish':
      if (s.phase !== 'flow') return;
      if (!def) return leaveService({ tx }); // the service left the catalogue under the session
      return flowInput(tx, def, input, env);
  }
}

function onDevice(tx: Tx, signal: DeviceSignal, def: ServiceDefinition | undefined, env: Env): void {
  const s = tx.s;
  const d = s.devices;
  const without = <T>(list: T[], v: T) => list.filter((x) => x !== v);
  switch (signal.kind) {
    case 'card.inserted':
      d.cards = [...without(d.cards, signal.role), signal.role];
      break;
    case 'card.removed':
      d.cards = without(d.cards, signal.role);
      break;
    case 'receipt.presented':
      d.receiptWaiting = true;
      break;
    case 'receipt.taken':
      d.receiptWaiting = false;
      break;
    case 'door.opened':
      d.openDoors = [...without(d.openDoors, signal.door), signal.door];
      break;
    case 'door.closed':
      d.openDoors = without(d.openDoors, signal.door);
      break;
  }
  if (s.phase === 'flow' && def) flowDevice(tx, def, signal, env);
  if (s.phase === 'ending' && remindersOf(s, true).length === 0) finishEnding(tx);
}
