// The site configuration as a technician edits it on a touch screen: a list of its leaf values by
// path (devices[1].transport.path), each changed by a pad or a choice, never as raw JSON text.
export type Leaf = string | number | boolean | null;

export interface Field {
  /** As the host's validation names it: `devices[1].transport.path`. */
  path: string;
  /** The keys and indices leading to it. */
  at: ReadonlyArray<string | number>;
  value: Leaf;
}

/** Secrets come from the host as this and cannot be edited from the screen. */
export const REDACTED = '<redacted>';

export function pathOf(at: ReadonlyArray<string | number>): string {
  return at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Every leaf of `config`, in document order. */
export function fieldsOf(config: unknown, at: Array<string | number> = []): Field[] {
  if (Array.isArray(config)) return config.flatMap((v, i) => fieldsOf(v, [...at, i]));
  if (config && typeof config === 'object')
    return Object.entries(config).flatMap(([k, v]) => fieldsOf(v, [...at, k]));
  return [{ path: pathOf(at), at, value: config as Leaf }];
}

/** A copy of `config` with the value at `at` replaced. */
export function withValue(config: unknown, at: ReadonlyArray<string | number>, value: Leaf): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  if (Array.isArray(config))
    return (config as unknown[]).map((v, i) => (i === head ? withValue(v, rest, value) : v));
  const obj = (config ?? {}) as Record<string, unknown>;
  return { ...obj, [head as string]: withValue(obj[head as string], rest, value) };
}

/** Which device a path belongs to (`devices[2]…` → the id written at devices[2].id), for grouping. */
export function deviceOf(config: unknown, field: Field): string | undefined {
  if (field.at[0] !== 'devices' || typeof field.at[1] !== 'number') return undefined;
  const devices = (config as { devices?: Array<{ id?: unknown }> }).devices;
  const id = devices?.[field.at[1]]?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Values a technician usually picks, offered as one-tap choices before any keyboard. */
export function suggestionsFor(field: Field): Leaf[] {
  const key = field.at.at(-1);
  if (key === 'baudRate') return [9600, 19200, 38400, 57600, 115200];
  if (key === 'path' && typeof field.value === 'string' && field.value.startsWith('/dev/'))
    return [
      '/dev/ttyUSB0',
      '/dev/ttyUSB1',
      '/dev/ttyUSB2',
      '/dev/ttyUSB3',
      '/dev/ttyS0',
      '/dev/ttyS1',
      '/dev/ttyACM0',
    ];
  if (typeof field.value === 'boolean') return [true, false];
  return [];
}
