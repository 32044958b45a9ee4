// The ID-number pad's check (renderer/src/input/id-number.ts) must agree with the product's one
// identity module (domain/identity), which the renderer may not import (it sees only the contract).
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { idCheckCharacter, isValidIdNumber } from '../../domain/identity';
import { idCheckChar, idNumberStatus } from '../../renderer/src/input/id-number';

test('pad and domain/identity compute the same check character and the same verdict', () => {
  const digits = (n: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  // Mostly real birth dates (so valid numbers occur), sometimes any eight digits.
  const birth = fc.oneof(
    fc
      .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10).replaceAll('-', '')),
    digits(8),
  );
  const first17 = fc.tuple(digits(6), birth, digits(3)).map((parts) => parts.join(''));
  let valid = 0;
  fc.assert(
    fc.property(first17, fc.constantFrom(...'0123456789X'), (first17, last) => {
      expect(idCheckChar(first17)).toBe(idCheckCharacter(first17));
      const id = first17 + last;
      expect(idNumberStatus(id).kind === 'valid').toBe(isValidIdNumber(id));
      if (isValidIdNumber(id)) valid++;
    }),
    { numRuns: 3000 },
  );
  expect(valid).toBeGreaterThan(50); // the property saw valid numbers, not only rejections
});
