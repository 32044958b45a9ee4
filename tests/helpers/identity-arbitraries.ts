/** fast-check generators of valid identity numbers of every kind, for property tests across the product. */
import fc from 'fast-check';
import { idCheckCharacter, type IdKind } from '../../domain/identity';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const arbBirth = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`);

const withCheck = (first17: string): string => `${first17}${idCheckCharacter(first17)}`;

const arb18 = (area: fc.Arbitrary<string>) =>
  fc
    .tuple(area, arbBirth, fc.integer({ min: 0, max: 999 }))
    .map(([a, b, s]) => withCheck(`${a}${b}${pad(s, 3)}`));

/** 居民身份证: provinces 11–65 (first digit 1–6), any prefecture and county code. */
export const arbResidentId = arb18(
  fc
    .tuple(fc.integer({ min: 11, max: 65 }), fc.integer({ min: 0, max: 9999 }))
    .map(([p, r]) => `${p}${pad(r, 4)}`),
);
export const arbHkmotwId = arb18(fc.constantFrom('810000', '820000', '830000'));
export const arbForeign2023Id = arb18(fc.integer({ min: 0, max: 99999 }).map((n) => `9${pad(n, 5)}`));
export const arbForeign2017Id = fc
  .tuple(fc.stringMatching(/^[A-Z]{3}$/), fc.stringMatching(/^\d{12}$/))
  .map(([letters, digits]) => `${letters}${digits}`);

export const arbIdNumber: fc.Arbitrary<{ id: string; kind: IdKind }> = fc.oneof(
  arbResidentId.map((id) => ({ id, kind: 'resident' as const })),
  arbHkmotwId.map((id) => ({ id, kind: 'hkmotw' as const })),
  arbForeign2017Id.map((id) => ({ id, kind: 'foreign2017' as const })),
  arbForeign2023Id.map((id) => ({ id, kind: 'foreign2023' as const })),
);
