import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, framesFor, FUZZ_TARGETS } from './codecs';

// The short, seeded fuzz run of every codec (the long run is scripts/fuzz.mjs): random and mutated
// frames never crash a decoder, never make a framed decoder stall or over-consume, and every
// rejection is one of the codec's typed errors. A failure prints fast-check's seed and path.
const SEED = 20_261_205;

describe('codec fuzzing (short run)', () => {
  it.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))('%s', (_name, target) => {
    fc.assert(
      fc.property(framesFor(target), (bytes) => {
        const problem = check(target, bytes);
        if (problem) throw new Error(problem);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('catches what it is there to catch: a decoder that throws an untyped error fails the property', () => {
    const broken = { ...FUZZ_TARGETS[0]!, run: () => JSON.parse('{') as string | undefined };
    expect(check(broken, new Uint8Array(1))).toMatch(/^crash: SyntaxError/);
    const overeager = { ...FUZZ_TARGETS[0]!, run: () => 'consumed 9 of 1' };
    expect(check(overeager, new Uint8Array(1))).toBe('consumed 9 of 1');
  });
});
