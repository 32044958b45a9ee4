/**
 * Free-form JSON (a form's values, a device's detail, site settings) with bounds on its depth and
 * size, checked without recursion: a body of 100,000 nested arrays must be refused with a path, not
 * overflow the stack of whatever walks it next (canonicalisation, JSON.stringify, zod; issue #12).
 */
import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT } from './text';

export interface JsonBounds {
  /** Nesting levels below the value itself: `{"a":[1]}` has depth 2. */
  maxDepth: number;
  /** Characters of its JSON text, about (escapes not counted). */
  maxSize: number;
}

export interface JsonProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The first reason `value` is not bounded, storable JSON, or undefined: too deep, too large, a value
 * JSON does not have (undefined, a function, NaN …), or text that cannot be stored (isStorableText,
 * keys included). Iterative, and it stops at the first problem, so its cost is bounded by the limits.
 */
export function checkJson(value: unknown, bounds: JsonBounds): JsonProblem | undefined {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  let size = 0;
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (path.length > bounds.maxDepth) return { path, message: `nested deeper than ${bounds.maxDepth}` };
    if (v === null || typeof v === 'boolean') size += 5;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path, message: 'not a JSON number' };
      size += 8;
    } else if (typeof v === 'string') {
      if (!isStorableText(v)) return { path, message: UNSTORABLE_TEXT };
      size += v.length + 2;
    } else if (Array.isArray(v)) {
      size += 2 + v.length;
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (typeof v === 'object' && isPlainObject(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      size += 2;
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        if (!isStorableText(k)) return { path: [...path, k], message: `key ${UNSTORABLE_TEXT}` };
        size += k.length + 4;
        if (child !== undefined) stack.push({ v: child, path: [...path, k] });
      }
    } else return { path, message: 'not a JSON value' };
    if (size > bounds.maxSize) return { path, message: `larger than ${bounds.maxSize} characters of JSON` };
  }
  return undefined;
}

/** A record of members (also with a null or a router's own prototype); not a Date, Map, class instance with a tag … */
function isPlainObject(v: object): boolean {
  return Object.prototype.toString.call(v) === '[object Object]';
}

const describe = (b: JsonBounds) =>
  `free-form JSON: at most ${b.maxDepth} levels deep, about ${b.maxSize} characters`;

/** An object of free-form JSON values within `bounds` (form values, device detail, site settings). */
export function boundedJsonObject(bounds: JsonBounds) {
  return z
    .record(z.string(), z.unknown())
    .superRefine((v, ctx) => {
      const problem = checkJson(v, bounds);
      if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    })
    .describe(describe(bounds));
}

/**
 * Checks the bounds before `schema` sees the value: put it in front of a recursive schema (a guard
 * tree, a pushed catalogue) so that a hostile nesting is refused before zod recurses into it. (A
 * leading transform, so that JSON Schema documents the value by `schema` in both directions.)
 */
export function boundedBefore<S extends z.ZodType>(bounds: JsonBounds, schema: S) {
  return z
    .transform((v: unknown, ctx) => {
      const problem = checkJson(v, bounds);
      if (problem)
        ctx.issues.push({ code: 'custom', path: problem.path, message: problem.message, input: v });
      return v;
    })
    .pipe(schema);
}

/** A piece of output text on canonicalJson's work stack (values are everything else). */
class Emit {
  constructor(readonly text: string) {}
}

/**
 * Deterministic JSON: object keys sorted (by UTF-16 code units), undefined members dropped,
 * undefined array items as null (holes left empty); other objects by their own enumerable entries. The text hashed
 * into the audit chain and compared for idempotency, so it must never change for a given value.
 * Iterative: no input nests deep enough to overflow the stack here (a value that got this far was
 * bounded anyway, but a hash must not be where a hostile body finds the limit).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof Emit) out.push(v.text);
    else if (v === null || typeof v !== 'object') out.push(JSON.stringify(v) ?? 'null');
    else if (Array.isArray(v)) {
      stack.push(new Emit(']'));
      for (let i = v.length - 1; i >= 0; i--) {
        // A hole of a sparse array stays empty (`[,1]` → `[,1]`), as Array.prototype.map left it.
        stack.push(!(i in v) ? new Emit('') : v[i] === undefined ? null : v[i]);
        if (i > 0) stack.push(new Emit(','));
      }
      stack.push(new Emit('['));
    } else {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      stack.push(new Emit('}'));
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        stack.push(x, new Emit(`${JSON.stringify(k)}:`));
        if (i > 0) stack.push(new Emit(','));
      }
      stack.push(new Emit('{'));
    }
  }
  return out.join('');
}
