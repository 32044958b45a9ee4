/** The session around the flows: the idle countdown, busy pauses, reminders and the end. */
import type { EndReason, Outcome, ReminderKind } from '../ipc/contract/flow';
import { LIMITS, citizenLimit } from './limits';
import type { EffectType, SessionState } from './model';
import type { Tx } from './tx';

const live = (s: SessionState): boolean => s.phase === 'browsing' || s.phase === 'flow';

/** Any sign of the citizen: the countdown starts again from the full idle limit. */
export function restartIdle(tx: Tx): void {
  const s = tx.s;
  if (!live(s) || s.idle?.paused) return;
  const idle = citizenLimit(s.idleLimits?.idleMs ?? LIMITS.idleMs, s.elder);
  const warn = citizenLimit(s.idleLimits?.warnMs ?? LIMITS.warnMs, s.elder);
  tx.clearTimer('idleEnd');
  tx.setTimer('idle', idle - warn);
  s.idle = { deadline: tx.at + idle, warning: false, paused: false };
}

/** `idle` fired: ask "need more time?" for the last part; `idleEnd` fired: the session ends. */
export function onIdleTimer(tx: Tx, name: 'idle' | 'idleEnd'): void {
  const s = tx.s;
  if (!s.idle) return;
  delete s.timers[name];
  if (name === 'idle') {
    s.idle.warning = true;
    tx.setTimer('idleEnd', s.idle.deadline - tx.at);
    return;
  }
  beginEnding(tx, 'timeout', s.flow?.outcome ?? 'abandoned');
}

/**
 * While the terminal works for the citizen (reading, printing, waiting for 秒批) the idle countdown
 * stops; a request that never answers ends as a `timeout` fault instead. A print held for paper is
 * not work in progress: the citizen was told, and may walk away.
 */
export function syncBusy(tx: Tx): void {
  const s = tx.s;
  if (!live(s) || !s.idle) return;
  const busy = Object.values(s.flow?.pending ?? {}).some((p) => p.busy && !p.held);
  if (busy && !s.idle.paused) {
    tx.clearTimer('idle');
    tx.clearTimer('idleEnd');
    s.idle = { deadline: s.idle.deadline, warning: false, paused: true };
    tx.setTimer('busy', LIMITS.busyMs);
  } else if (!busy && s.idle.paused) {
    tx.clearTimer('busy');
    s.idle.paused = false;
    restartIdle(tx);
  }
}

export interface Reminder {
  kind: ReminderKind;
  role?: 'idCard' | 'socialSecurityCard' | 'bankCard';
  door?: string;
}

/** What the citizen must not leave behind, from the devices' own reports. */
export function remindersOf(s: SessionState, withCards: boolean): Reminder[] {
  return [
    ...(withCards ? s.devices.cards.map((role) => ({ kind: 'cardLeft' as const, role })) : []),
    ...(s.devices.receiptWaiting ? [{ kind: 'receiptNotTaken' as const }] : []),
    ...s.devices.openDoors.map((door) => ({ kind: 'doorOpen' as const, door })),
  ];
}

/** Requests that are only worth their answer while the citizen waits; the rest complete regardless. */
const ABANDONED_WITH_SESSION: EffectType[] = [
  'device.readIdentity',
  'scanner.listen',
  'backoffice.query',
  'backoffice.awaitResult',
];

/** Ends the session: reminders first (card, receipt, door), then `ended`. */
export function beginEnding(tx: Tx, reason: EndReason, outcome: Outcome): void {
  const s = tx.s;
  for (const [key, p] of Object.entries(s.flow?.pending ?? {}))
    if (ABANDONED_WITH_SESSION.includes(p.type)) tx.cancel(key);
  if (s.browse) tx.emit({ type: 'cancel', key: s.browse.key });
  for (const t of ['idle', 'idleEnd', 'busy', 'result'] as const) tx.clearTimer(t);
  s.phase = 'ending';
  s.ending = { reason, outcome };
  delete s.idle;
  delete s.browse;
  if (reason === 'hostRestart' || remindersOf(s, true).length === 0) finishEnding(tx);
  else tx.setTimer('reminders', citizenLimit(LIMITS.remindersMs, s.elder));
}

/** Everything the citizen brought is gone from the state; the host wipes the rest on `session.end`. */
export function finishEnding(tx: Tx): void {
  const s = tx.s;
  const { reason, outcome } = s.ending ?? { reason: 'done' as const, outcome: 'abandoned' as const };
  const unresolved = reason === 'hostRestart' ? [] : [...new Set(remindersOf(s, true).map((r) => r.kind))];
  tx.clearTimer('reminders');
  tx.emit({ type: 'session.end', reason, outcome, unresolved });
  s.phase = 'ended';
  s.ended = { reason, outcome, at: tx.at, unresolved };
  delete s.ending;
  delete s.identity;
  delete s.flow;
  delete s.browse;
  delete s.idle;
}
