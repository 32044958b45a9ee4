import type { z } from 'zod';

/** One thing wrong in a configuration: where (a path inside the file) and what was expected there. */
export interface ConfigProblem {
  /** e.g. `devices[2] (locker-1).options.cabinet.doorsPerBord`; empty for the file as a whole. */
  path: string;
  expected: string;
}

/**
 * A kiosk configuration that cannot be used. Its message names the file, each path inside it and what
 * was expected there; the CLI and the host print the message alone (no stack: nothing in it is a bug).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `invalid kiosk configuration in ${source}:\n${problems
        .map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.expected}`)
        .join('\n')}`,
    );
  }
}

/** `['devices', 2, 'options']` → `devices[2].options`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/**
 * Zod issues as problems. `schema` is walked to list the keys an object accepts when a key is
 * unknown (with the closest one suggested, so `doorsPerBord` says "did you mean doorsPerBoard").
 */
export function problemsOf(
  error: z.ZodError,
  schema: z.ZodType,
  prefix = '',
  input?: unknown,
): ConfigProblem[] {
  return error.issues.flatMap((issue): ConfigProblem[] => {
    const at = (extra: readonly PropertyKey[] = []) => join(prefix, formatPath([...issue.path, ...extra]));
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path);
      return issue.keys.map((key) => ({
        path: at([key]),
        expected: `unknown option${suggest(key, known)}${known.length ? `; known: ${known.join(', ')}` : ''}`,
      }));
    }
    const got = valueAt(input, issue.path);
    const message = plain(issue.message);
    const shown = got === undefined || /\bgot\b/.test(message) ? '' : ` (got ${JSON.stringify(got)})`;
    return [{ path: at(), expected: `${message}${shown}` }];
  });
}

const join = (prefix: string, path: string): string =>
  !prefix ? path : !path ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;

/** Zod's "Invalid input: expected string, received number" → "expected string, received number". */
const plain = (message: string): string =>
  message
    .replace(/^Invalid discriminator value\.\s*Expected\s*/i, 'expected one of ')
    .replace(/^Invalid (input|option|value):\s*/i, '');

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v === null || typeof v === 'object' ? undefined : v;
}

interface Walkable {
  _zod: { def: { type: string; shape?: Record<string, Walkable>; innerType?: Walkable; element?: Walkable } };
}

/** The keys an object schema accepts at `path` (through optional, default, nullable and arrays). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node = schema as unknown as Walkable | undefined;
  const unwrap = (n: Walkable | undefined): Walkable | undefined => {
    while (n?._zod.def.innerType) n = n._zod.def.innerType;
    return n;
  };
  for (const key of path) {
    node = unwrap(node);
    const def = node?._zod.def;
    if (def?.type === 'array') node = def.element;
    else node = typeof key === 'string' ? def?.shape?.[key] : undefined;
  }
  const shape = unwrap(node)?._zod.def.shape;
  return shape ? Object.keys(shape) : [];
}

function suggest(key: string, known: readonly string[]): string {
  const best = known
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best.k}"?)` : '';
}

/** Levenshtein distance, for suggestions only. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
