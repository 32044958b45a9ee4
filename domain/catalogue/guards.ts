/**
 * Guards: when a step applies. A guard reads a path in the journey's facts (the choices made, the
 * 秒批 result, how the citizen identified…; main/flow builds the facts) and is three-valued: a
 * fact not known yet makes it `unknown`, so "step n of m" can count a step that may still come
 * while navigation only enters steps whose guard is definitely true.
 */
import { z } from 'zod';

const Json = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const path = z.string().regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/);

export type Guard =
  | { path: string; eq: string | number | boolean | null }
  | { path: string; in: (string | number | boolean | null)[] }
  | { path: string; exists: boolean }
  | { all: Guard[] }
  | { any: Guard[] }
  | { not: Guard };

/** Recursive: parse only values bounded first (PushedCatalogue's CATALOGUE_BOUNDS does). */
export const Guard: z.ZodType<Guard> = z
  .lazy(() =>
    z.union([
      z.strictObject({ path, eq: Json }),
      z.strictObject({ path, in: z.array(Json).min(1) }),
      z.strictObject({ path, exists: z.boolean() }),
      z.strictObject({ all: z.array(Guard).min(1) }),
      z.strictObject({ any: z.array(Guard).min(1) }),
      z.strictObject({ not: Guard }),
    ]),
  )
  .meta({ id: 'Guard' });

/** true, false, or null for "not known yet". */
export type Truth = boolean | null;

const UNKNOWN = Symbol('unknown');

function read(facts: unknown, p: string): unknown {
  let cur: unknown = facts;
  for (const key of p.split('.')) {
    if (cur === undefined) return UNKNOWN;
    if (cur === null || typeof cur !== 'object') return UNKNOWN;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur === undefined ? UNKNOWN : cur;
}

export function evaluateGuard(guard: Guard, facts: unknown): Truth {
  if ('all' in guard) {
    const values = guard.all.map((g) => evaluateGuard(g, facts));
    return values.includes(false) ? false : values.includes(null) ? null : true;
  }
  if ('any' in guard) {
    const values = guard.any.map((g) => evaluateGuard(g, facts));
    return values.includes(true) ? true : values.includes(null) ? null : false;
  }
  if ('not' in guard) {
    const v = evaluateGuard(guard.not, facts);
    return v === null ? null : !v;
  }
  const value = read(facts, guard.path);
  if ('exists' in guard) return (value !== UNKNOWN) === guard.exists;
  if (value === UNKNOWN) return null;
  return 'eq' in guard ? value === guard.eq : guard.in.includes(value as string);
}

/** The `choice.<key>` names a guard reads (a definition is checked to make those choices first). */
export function choiceKeysOf(guard: Guard): string[] {
  if ('all' in guard) return guard.all.flatMap(choiceKeysOf);
  if ('any' in guard) return guard.any.flatMap(choiceKeysOf);
  if ('not' in guard) return choiceKeysOf(guard.not);
  const m = /^choice\.([A-Za-z0-9]+)/.exec(guard.path);
  return m?.[1] ? [m[1]] : [];
}
