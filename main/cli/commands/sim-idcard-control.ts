// Fault switches and stdin control lines of `yizhan sim idcard`. Pure parsing, no imports: the CLI
// loads every file in this folder at start.

/** Simulator faults by name (mirrors SIMULATOR_FAULTS of devices/id-card-reader). */
export const IDCARD_SIM_FAULTS = [
  'samFailure',
  'noCard',
  'selectFail',
  'readFail',
  'checksumCorruption',
  'dribbledBytes',
  'noiseBeforePreamble',
] as const;
export type IdCardSimFault = (typeof IDCARD_SIM_FAULTS)[number];

/** Default time the cable stays out for `unplug` and `unplugMidRead`. */
export const DEFAULT_UNPLUG_MS = 2000;

export type FaultSwitch =
  { kind: 'fault'; fault: IdCardSimFault; on: boolean | number } | { kind: 'unplugMidRead'; ms: number };

const isFault = (s: string): s is IdCardSimFault => (IDCARD_SIM_FAULTS as readonly string[]).includes(s);

function count(raw: string, what: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new Error(`${what} must be a positive integer, got "${raw}"`);
  return Number(raw);
}

/**
 * `--fault NAME` (always on), `NAME=N` (the next N replies only), or `unplugMidRead[=MS]` (pull the
 * cable when the next 30 01 / 30 10 arrives, plug it back after MS).
 */
export function parseFaultSwitch(spec: string): FaultSwitch {
  const [name = '', value] = spec.split('=', 2);
  if (name === 'unplugMidRead')
    return { kind: 'unplugMidRead', ms: value === undefined ? DEFAULT_UNPLUG_MS : count(value, 'MS') };
  if (!isFault(name))
    throw new Error(`unknown fault "${name}"; known: ${[...IDCARD_SIM_FAULTS, 'unplugMidRead'].join(', ')}`);
  return { kind: 'fault', fault: name, on: value === undefined ? true : count(value, 'N') };
}

export type ControlLine =
  | { verb: 'place'; file?: string }
  | { verb: 'remove' }
  | { verb: 'fault'; fault: IdCardSimFault; on: boolean | number }
  | { verb: 'unplugMidRead'; ms: number }
  | { verb: 'unplug'; ms: number };

export const CONTROL_HELP =
  '"place [FILE.json]", "remove", "fault NAME on|off|N", "fault unplugMidRead [MS]", "unplug [MS]"';

/** One stdin line; undefined for a blank line; throws with a usable message on anything else. */
export function parseControlLine(line: string): ControlLine | undefined {
  const [verb, a, b, ...rest] = line.trim().split(/\s+/).filter(Boolean);
  if (verb === undefined) return undefined;
  if (rest.length > 0) throw new Error(`too many words in "${line.trim()}"`);
  switch (verb) {
    case 'place':
      if (b !== undefined) throw new Error('place takes at most one card file');
      return a === undefined ? { verb } : { verb, file: a };
    case 'remove':
      if (a !== undefined) throw new Error('remove takes no argument');
      return { verb };
    case 'unplug':
      if (b !== undefined) throw new Error('unplug takes at most a time in ms');
      return { verb, ms: a === undefined ? DEFAULT_UNPLUG_MS : count(a, 'MS') };
    case 'fault': {
      if (a === 'unplugMidRead')
        return { verb: 'unplugMidRead', ms: b === undefined ? DEFAULT_UNPLUG_MS : count(b, 'MS') };
      if (a === undefined || !isFault(a)) throw new Error(`unknown fault "${a ?? ''}"`);
      if (b === 'on') return { verb, fault: a, on: true };
      if (b === 'off') return { verb, fault: a, on: false };
      if (b === undefined) throw new Error('fault NAME needs on, off or a count');
      return { verb, fault: a, on: count(b, 'N') };
    }
    default:
      throw new Error(`unknown command "${verb}"; use ${CONTROL_HELP}`);
  }
}
