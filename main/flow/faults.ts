/**
 * A failure the effect runner reports becomes a fault the citizen can act on: each failure has a
 * message (`fault.<code>` in the page's catalogues) and the choices that make sense for it.
 */
import type { FaultOption, FlowFailure } from '../ipc/contract/flow';

const OPTIONS: Readonly<Record<FlowFailure, readonly FaultOption[]>> = {
  cardRemoved: ['retry', 'end'],
  unreadable: ['retry', 'counter', 'end'],
  wrongCard: ['retry', 'end'],
  expiredCard: ['counter', 'end'],
  invalidIdentity: ['counter', 'end'],
  deviceDown: ['counter', 'end'],
  paperOut: ['retry', 'counter', 'end'],
  coverOpen: ['retry', 'counter', 'end'],
  jammed: ['retry', 'counter', 'end'],
  noFreeDoor: ['counter', 'end'],
  doorJammed: ['retry', 'counter', 'end'],
  network: ['retry', 'counter', 'end'],
  providerDown: ['retry', 'counter', 'end'],
  providerError: ['counter', 'end'],
  noRecords: ['back', 'counter', 'end'],
  notFound: ['back', 'end'],
  codeInvalid: ['back', 'end'],
  /** A 一码办 code expired or unknown: refreshed on the phone, it is shown again. */
  codeRefused: ['retry', 'end'],
  refused: ['counter', 'end'],
  tooLarge: ['back', 'end'],
  notConfigured: ['counter', 'end'],
  limitReached: ['end'],
  timeout: ['retry', 'counter', 'end'],
  internal: ['counter', 'end'],
};

/**
 * The choices for a failure. A print the printer holds (paper out) offers `wait` instead of
 * `retry`: it prints by itself, once, when the paper is back. An optional step may be skipped.
 */
export function faultOptions(
  code: FlowFailure,
  how: { held?: boolean; optional?: boolean; canBack: boolean },
): FaultOption[] {
  let options = [...OPTIONS[code]];
  if (how.held) options = options.map((o) => (o === 'retry' ? 'wait' : o));
  if (how.optional && !options.includes('skip')) {
    // Skipping an optional step is the mildest way on: right after trying again.
    const at = options.findIndex((o) => o !== 'retry' && o !== 'wait');
    options.splice(at < 0 ? options.length : at, 0, 'skip');
  }
  if (!how.canBack) options = options.filter((o) => o !== 'back');
  return options;
}
