import type { Health } from '../core';
import type { QueueState } from './protocol/spooler-types';

export type Supply = 'ok' | 'low' | 'out' | 'unknown';

/** Family detail reported next to the common Health. */
export interface A4PrinterDetail {
  queue: string;
  paper: Supply;
  toner: Supply;
  accepting: boolean | null;
  enabled: boolean | null;
  /** Spooler printer-state-reasons (normalised), for the technician screen. */
  reasons: string[];
  activeJob: string | null;
}

export const initialDetail = (queue: string): A4PrinterDetail => ({
  queue,
  paper: 'unknown',
  toner: 'unknown',
  accepting: null,
  enabled: null,
  reasons: [],
  activeJob: null,
});

const has = (reasons: readonly string[], ...names: string[]) => names.some((n) => reasons.includes(n));

/** Supply level from reasons; 'ok' only when the spooler reports a state and says nothing about it. */
function supply(reasons: readonly string[], empty: string[], low: string[]): Supply {
  if (has(reasons, ...empty)) return 'out';
  if (has(reasons, ...low)) return 'low';
  return 'ok';
}

/**
 * Maps a queue state to Health: a stopped/disabled/rejecting queue is offline; an empty consumable
 * stops service (offline, with paper/toner 'out'); a jam or open door needs a technician
 * (hardwareError). Our own job in flight is busy.
 */
export function healthFromQueue(
  q: QueueState,
  activeJob: string | null,
): { health: Health; detail: A4PrinterDetail } {
  const detail: A4PrinterDetail = {
    queue: q.queue,
    paper: supply(q.reasons, ['media-empty', 'media-needed'], ['media-low']),
    toner: supply(q.reasons, ['toner-empty', 'marker-supply-empty'], ['toner-low', 'marker-supply-low']),
    accepting: q.accepting,
    enabled: q.enabled,
    reasons: q.reasons,
    activeJob,
  };
  let health: Health;
  if (has(q.reasons, 'media-jam', 'door-open', 'cover-open', 'interlock-open', 'fuser-over-temp')) {
    health = 'hardwareError';
  } else if (
    !q.enabled ||
    !q.accepting ||
    has(q.reasons, 'offline', 'paused', 'shutdown', 'connecting-to-device') ||
    detail.paper === 'out' ||
    detail.toner === 'out'
  ) {
    health = 'offline';
  } else health = activeJob ? 'busy' : 'online';
  return { health, detail };
}
