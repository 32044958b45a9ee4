import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageAt,
  birthDateFrom,
  checkIdNumber,
  idKindOf,
  isRealDate,
  isValidIdNumber,
  parseIdNumber,
} from './id-number';
import { arbIdNumber, arbResidentId } from '../../tests/helpers/identity-arbitraries';

describe('GB 11643 check character (protocols.md §1.11, worked examples)', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['110101197608056896', false], // the widely copied sample: its check is 7
    ['110101197608056897', true],
    ['110101197602306890', false], // 30 February
    ['1101011976080568', false],
    ['11010119760805689A', false],
    ['010101197608056897', false], // no province starts with 0
  ])('%s → %s', (id, valid) => {
    expect(isValidIdNumber(id)).toBe(valid);
  });

  it('names the problem', () => {
    expect(checkIdNumber('110101197608056896')).toBe('checkDigit');
    expect(checkIdNumber('11010119760805689')).toBe('format');
    expect(checkIdNumber('110101180002290012')).toBe('birthDate');
  });

  it('detects every single-character error and every adjacent transposition of different digits', () => {
    fc.assert(
      fc.property(arbResidentId, fc.nat(16), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const digit = (Number(id[pos]) + delta) % 10;
        const changed = `${id.slice(0, pos)}${digit}${id.slice(pos + 1)}`;
        expect(checkIdNumber(changed)).not.toBeUndefined();
        const [a, b] = [id[pos], id[pos + 1]];
        if (pos < 16 && a !== b) {
          const swapped = `${id.slice(0, pos)}${b}${a}${id.slice(pos + 2)}`;
          expect(isValidIdNumber(swapped)).toBe(false);
        }
      }),
    );
  });

  it('knows leap years', () => {
    expect(isRealDate('20000229')).toBe(true);
    expect(isRealDate('19000229')).toBe(false);
    expect(isRealDate('17991231')).toBe(false);
  });
});

describe('every kind the readers decode', () => {
  it.each([
    ['11010519491231002X', 'resident'],
    ['810000198001010014', 'hkmotw'],
    ['820000199003030023', 'hkmotw'],
    ['USA110070070401', 'foreign2017'],
    ['911250198505120021', 'foreign2023'],
  ] as const)('%s is a valid %s number', (id, kind) => {
    expect(idKindOf(id)).toBe(kind);
    expect(checkIdNumber(id)).toBeUndefined();
    expect(checkIdNumber(id, kind)).toBeUndefined();
  });

  it('refuses a number of another kind than the card says', () => {
    expect(checkIdNumber('11010519491231002X', 'hkmotw')).toBe('kindMismatch');
    expect(checkIdNumber('810000198001010014', 'resident')).toBe('kindMismatch');
    expect(checkIdNumber('USA110070070401', 'foreign2023')).toBe('kindMismatch');
  });

  it('refuses near misses of the 2017 foreign shape', () => {
    for (const id of ['US1110070070401', 'USA11007007040', 'USA1100700704011', 'usa110070070401x'])
      expect(isValidIdNumber(id)).toBe(false);
    // Lowercase letters are normalised, as 'x' is.
    expect(isValidIdNumber('usa110070070401')).toBe(true);
  });

  it('every generated number of every kind is valid, of its kind', () => {
    fc.assert(
      fc.property(arbIdNumber, ({ id, kind }) => {
        expect(idKindOf(id)).toBe(kind);
        expect(checkIdNumber(id, kind)).toBeUndefined();
      }),
    );
  });
});

describe('birth date, gender and age', () => {
  it('reads them from the 18-character kinds, not from the 2017 foreign number', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      kind: 'resident',
      birth: [1949, 12, 31],
      gender: 'female',
    });
    expect(parseIdNumber('911250198505120021')).toEqual({
      kind: 'foreign2023',
      birth: [1985, 5, 12],
      gender: 'female',
    });
    expect(parseIdNumber('110101197608056897')?.gender).toBe('male');
    expect(parseIdNumber('USA110070070401')).toEqual({ kind: 'foreign2017' });
    expect(parseIdNumber('110101197608056896')).toBeNull();
  });

  it('counts completed years in China Standard Time', () => {
    // 18 on 2026-11-23 CST, which starts at 2026-11-22T16:00Z.
    expect(ageAt([2008, 11, 23], Date.parse('2026-11-22T15:59:59Z'))).toBe(17);
    expect(ageAt([2008, 11, 23], Date.parse('2026-11-22T16:00:00Z'))).toBe(18);
    // Born on 29 February: a year older on 1 March of a common year.
    expect(ageAt([2000, 2, 29], Date.parse('2018-02-28T04:00:00Z'))).toBe(17);
    expect(ageAt([2000, 2, 29], Date.parse('2018-03-01T04:00:00Z'))).toBe(18);
  });

  it('age never decreases as time passes', () => {
    fc.assert(
      fc.property(arbResidentId, fc.integer({ min: 0, max: 4e12 }), fc.nat(1e11), (id, t, dt) => {
        const birth = parseIdNumber(id)!.birth!;
        expect(ageAt(birth, t + dt)).toBeGreaterThanOrEqual(ageAt(birth, t));
      }),
    );
  });

  it('takes the card reader’s birth-date text', () => {
    expect(birthDateFrom('1970-07-04')).toEqual([1970, 7, 4]);
    expect(birthDateFrom('19700704')).toEqual([1970, 7, 4]);
    expect(birthDateFrom('1970-02-30')).toBeUndefined();
  });
});
