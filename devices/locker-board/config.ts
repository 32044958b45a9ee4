import { DEFAULT_LOCKER_BOARD } from '../../domain/lockers';
import type { BitmapLayout, LockerProtocolName } from './protocol';

/** One cabinet: the boards on one RS-485 bus, all speaking the same protocol. */
export interface LockerCabinetConfig {
  protocol: LockerProtocolName;
  /** Board addresses on the bus (8A: DIP switch 1–32; CU: 0–15). */
  boards: number[];
  doorsPerBoard: number;
  /**
   * What an active feedback bit (8A status byte 11, CU hook bit set) means. Sources disagree and it
   * depends on how the lock's switch is wired, so it is calibrated per cabinet at install [L].
   */
  feedbackActiveMeans: 'open' | 'closed';
  /** Bitmap byte and bit order of status replies, calibrated per cabinet [L]. */
  groupOrder: BitmapLayout['groupOrder'];
  bitOrder: BitmapLayout['bitOrder'];
  /** How long `open` waits for the door sensor to report open (the 3–5 s of protocols.md §4.4). */
  openTimeoutMs: number;
  /** Status poll period while waiting for a door to open or close. */
  pollIntervalMs: number;
  /** Deadline for one request/reply exchange; boards answer in tens of ms. */
  replyTimeoutMs: number;
  /** Period of the background status sweep that detects forced opens and item changes. */
  monitorIntervalMs: number;
  /** Consecutive unanswered requests before a board is reported `noDevice` (a debounce for bus noise). */
  missesBeforeNoDevice: number;
  /** Gap between doors in a maintenance "open all": one coil at a time so a weak PSU does not brown out. */
  openAllGapMs: number;
}

/**
 * The one default cabinet of the product (protocol and first board address) that `yizhan start`'s
 * simulated cabinet, `yizhan sim locker`, `yizhan device locker`, a site file without a
 * `cabinet.boards` and the back office's console use: defined once in domain/lockers.
 */
export { DEFAULT_LOCKER_BOARD, DEFAULT_LOCKER_PROTOCOL } from '../../domain/lockers';

const COMMON = {
  openTimeoutMs: 4000,
  pollIntervalMs: 150,
  replyTimeoutMs: 300,
  monitorIntervalMs: 500,
  missesBeforeNoDevice: 3,
  openAllGapMs: 800,
};

/**
 * Defaults per protocol, one board at DEFAULT_LOCKER_BOARD. 8A: "11" taken as open, bitmap highest
 * group first; CU: hook bit set = locked (CartWise).
 */
export function defaultCabinetConfig(
  protocol: LockerProtocolName,
  overrides: Partial<LockerCabinetConfig> = {},
): LockerCabinetConfig {
  if (protocol !== '8a' && protocol !== 'cu')
    throw new RangeError(`unknown locker protocol "${String(protocol)}" (expected 8a or cu)`);
  const base: LockerCabinetConfig =
    protocol === '8a'
      ? {
          protocol,
          boards: [DEFAULT_LOCKER_BOARD],
          doorsPerBoard: 16,
          feedbackActiveMeans: 'open',
          groupOrder: 'highFirst',
          bitOrder: 'lsbFirst',
          ...COMMON,
        }
      : {
          protocol,
          boards: [DEFAULT_LOCKER_BOARD],
          doorsPerBoard: 16,
          feedbackActiveMeans: 'closed',
          groupOrder: 'lowFirst',
          bitOrder: 'lsbFirst',
          ...COMMON,
        };
  return { ...base, ...overrides };
}
