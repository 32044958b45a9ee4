import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boundedBefore, boundedJsonObject, canonicalJson, checkJson } from './json';

/** The recursive canonicalisation the audit chain was hashed with until it became iterative. */
function recursiveCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => recursiveCanonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursiveCanonicalJson(v)}`).join(',')}}`;
}

/** `[[[…]]]` or `{"a":{"a":…}}`, `depth` levels, built without recursion. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

describe('canonicalJson', () => {
  it('is the text the chain was always hashed with (same as the recursive version, any value)', () => {
    const values = fc.oneof(
      fc.jsonValue(),
      fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true }),
    );
    fc.assert(
      fc.property(values, (v) => {
        expect(canonicalJson(v)).toBe(recursiveCanonicalJson(v));
      }),
      { numRuns: 2000, seed: 39734 },
    );
    expect(canonicalJson({ b: 1, a: [undefined, { d: 1, c: '张' }], u: undefined })).toBe(
      '{"a":[null,{"c":"张","d":1}],"b":1}',
    );
  });

  it('canonicalises 1,000,000 levels of nesting without a stack overflow', () => {
    const deep = nested(1_000_000, 'array');
    expect(() => recursiveCanonicalJson(deep)).toThrow(RangeError);
    const text = canonicalJson(deep);
    expect(text.length).toBe(2_000_001);
    expect(canonicalJson(nested(200_000, 'object')).startsWith('{"a":{"a":')).toBe(true);
  });
});

describe('bounded free-form JSON', () => {
  const bounds = { maxDepth: 4, maxSize: 200 };

  it('refuses too deep, too large, non-JSON and unstorable values with the path', () => {
    expect(checkJson({ a: [1, { b: 'x' }] }, bounds)).toBeUndefined();
    expect(checkJson(nested(1_000_000, 'array'), bounds)).toEqual({
      path: [0, 0, 0, 0, 0],
      message: 'nested deeper than 4',
    });
    expect(checkJson({ a: 'x'.repeat(300) }, bounds)?.message).toMatch(/larger than 200/);
    expect(checkJson({ a: [1, Number.NaN] }, bounds)).toEqual({
      path: ['a', 1],
      message: 'not a JSON number',
    });
    expect(checkJson({ a: () => 1 }, bounds)?.path).toEqual(['a']);
    expect(checkJson({ a: { b: 'x\ud800' } }, bounds)?.path).toEqual(['a', 'b']);
    expect(checkJson({ ['k\u0000']: 1 }, bounds)?.path).toEqual(['k\u0000']);
    expect(checkJson(Object.assign(Object.create(null) as object, { a: 1 }), bounds)).toBeUndefined();
  });

  it('gives zod issues with the path, and stops a recursive schema from ever seeing a deep value', () => {
    const form = z.object({ form: boundedJsonObject(bounds) });
    expect(form.safeParse({ form: { a: nested(100_000, 'object') } }).error?.issues[0]?.path).toEqual([
      'form',
      'a',
      'a',
      'a',
      'a',
      'a',
    ]);
    type Tree = { not?: Tree | undefined };
    const tree: z.ZodType<Tree> = z.lazy(() => z.strictObject({ not: tree.optional() }));
    const guarded = boundedBefore(bounds, tree);
    const hostile = nested(500_000, 'object');
    expect(() => tree.safeParse(JSON.parse(JSON.stringify({ not: {} })))).not.toThrow();
    expect(guarded.safeParse(hostile).success).toBe(false);
    expect(guarded.safeParse({ not: { not: {} } }).success).toBe(true);
  });
});
