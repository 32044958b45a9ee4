import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRealDate, isValidIdNumber } from '../../../domain/identity';
import { NATION_NAMES, nationName } from './tables';
import {
  chipExtraAddress as encodeExtraAddress,
  chipTextBlock as encodeTextBlock,
  type ChipCard as CardTextInput,
} from '../simulator/chip-text';
import { decodeExtraAddress, decodeTextBlock, type CardText } from './text';

// The encoder is the simulated card's (simulator/chip-text.ts), written apart from the decoder.

/** UTF-16LE code units. */
const encodeUcs2 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));

const resident: CardTextInput = {
  cardType: 'resident',
  name: '张三',
  gender: 'male',
  nationCode: '01',
  birthDate: '1949-12-31',
  address: '北京市朝阳区某某路1号',
  idNumber: '11010519491231002X',
  authority: '北京市公安局朝阳分局',
  validFrom: '2015-01-01',
  validTo: '长期',
};

describe('resident text block (§1.7)', () => {
  it('stores 张三 as 20 5F 09 4E, pads with spaces and sets the flag at 248', () => {
    const block = encodeTextBlock(resident);
    expect(Array.from(block.subarray(0, 6))).toEqual([0x20, 0x5f, 0x09, 0x4e, 0x20, 0x00]);
    expect(Array.from(block.subarray(30, 32))).toEqual([0x31, 0x00]);
    expect(Array.from(block.subarray(248, 250))).toEqual([0x20, 0x00]);
  });

  it('decodes every field, with nation name, ISO dates, 长期 and a valid ID', () => {
    const r = decodeTextBlock(encodeTextBlock(resident));
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.text).toEqual({ ...resident, nation: '汉', idNumberValid: true });
    expect(Object.keys(r.text)).toEqual([
      'cardType',
      'name',
      'gender',
      'nation',
      'nationCode',
      'birthDate',
      'address',
      'idNumber',
      'idNumberValid',
      'authority',
      'validFrom',
      'validTo',
    ]);
    expect(r.fieldLengths.name).toBe(2);
  });

  it('accepts a NUL card-type flag as resident and NUL padding', () => {
    const block = encodeTextBlock(resident);
    block[248] = 0;
    block.fill(0, 4, 30);
    const r = decodeTextBlock(block);
    expect(r.ok && r.text.cardType).toBe('resident');
    expect(r.ok && r.text.name).toBe('张三');
  });

  it('flags the invalid sample 110101197608056896 without failing', () => {
    const r = decodeTextBlock(encodeTextBlock({ ...resident, idNumber: '110101197608056896' }));
    expect(r.ok && r.text.idNumberValid).toBe(false);
  });

  it('refuses an unknown card-type flag and a wrong block size', () => {
    const block = encodeTextBlock(resident);
    block[248] = 0x5a;
    expect(decodeTextBlock(block)).toEqual({ ok: false, reason: 'unknownCardType', flag: 0x5a });
    expect(decodeTextBlock(new Uint8Array(100))).toEqual({ ok: false, reason: 'badTextLength' });
  });

  it('refuses to encode a field that does not fit', () => {
    expect(() => encodeTextBlock({ ...resident, name: '名'.repeat(16) })).toThrow(RangeError);
  });
});

describe('tables', () => {
  it('has all 56 nations plus 97 and 98, and shows unknown codes raw', () => {
    expect(NATION_NAMES.size).toBe(58);
    expect(nationName('01')).toBe('汉');
    expect(nationName('29')).toBe('柯尔克孜');
    expect(nationName('56')).toBe('基诺');
    expect(nationName('98')).toBe('外国血统中国籍人士');
    expect(nationName('77')).toBe('民族代码 77');
  });

  it('maps GB/T 2261.1 gender codes', () => {
    const g = (code: string) => {
      const b = encodeTextBlock(resident);
      b.set(encodeUcs2(code), 30);
      const r = decodeTextBlock(b);
      return r.ok ? r.text.gender : undefined;
    };
    expect([g('0'), g('1'), g('2'), g('9'), g('5')]).toEqual([
      'unknown',
      'male',
      'female',
      'unspecified',
      'unknown',
    ]);
  });
});

describe('ID number (§1.11)', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['110101197608056896', false],
    ['110101197608056897', true],
    ['110101197602306890', false],
    ['1101011976080568', false],
    ['11010119760805689A', false],
  ])('%s → %s', (id, valid) => {
    expect(isValidIdNumber(id)).toBe(valid);
  });

  it('knows leap years', () => {
    expect(isRealDate('20000229')).toBe(true);
    expect(isRealDate('19000229')).toBe(false);
  });
});

const ucs = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...'张三李四王五赵六北京市区路号公安局ABCdef123'.split('')), {
      minLength: min,
      maxLength: max,
    })
    .map((a) => a.join(''));
const latin = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ ,'.split('')), { minLength: min, maxLength: max })
    .map((a) => a.join('').trim())
    .filter((s) => s.length >= min && /^[A-Z]/.test(s));
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const date = fc
  .record({
    y: fc.integer({ min: 1900, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const gender = fc.constantFrom('male', 'female', 'unknown', 'unspecified' as const);

const roundTrip = (card: CardTextInput): CardText => {
  const r = decodeTextBlock(encodeTextBlock(card));
  if (!r.ok) throw new Error(r.reason);
  return r.text;
};
const withoutDerived = (t: CardText) => {
  const { idNumberValid: _v, nation: _n, ...rest } = t;
  return rest;
};

describe('text block round trips (property)', () => {
  it('resident', () => {
    fc.assert(
      fc.property(
        fc.record({
          cardType: fc.constant('resident' as const),
          name: ucs(1, 15),
          gender,
          nationCode: fc.constantFrom(...NATION_NAMES.keys()),
          birthDate: date,
          address: ucs(0, 35),
          idNumber: digits(17).map((d) => d + 'X'),
          authority: ucs(1, 15),
          validFrom: date,
          validTo: fc.oneof(date, fc.constant('长期')),
        }),
        (card) => {
          const t = roundTrip(card);
          expect(withoutDerived(t)).toEqual(card);
          expect(t.nation).toBe(NATION_NAMES.get(card.nationCode));
        },
      ),
    );
  });

  it('HK/Macau/Taiwan (J)', () => {
    fc.assert(
      fc.property(
        fc.record({
          cardType: fc.constant('hkmotw' as const),
          name: ucs(1, 15),
          gender,
          birthDate: date,
          address: ucs(0, 35),
          idNumber: digits(12).map((d) => `810000${d}`),
          authority: ucs(1, 15),
          validFrom: date,
          validTo: date,
          passNumber: fc.constantFrom('H', 'M').chain((p) => digits(8).map((d) => p + d)),
          issueCount: fc.integer({ min: 0, max: 99 }),
        }),
        (card) => {
          const t = roundTrip(card);
          expect(withoutDerived(t)).toEqual(card);
          expect(t.nation).toBeUndefined();
        },
      ),
    );
  });

  it('foreign 2017 (I)', () => {
    fc.assert(
      fc.property(
        fc.record({
          cardType: fc.constant('foreign2017' as const),
          name: ucs(1, 15),
          nameEn: latin(1, 60),
          gender,
          birthDate: date,
          idNumber: digits(12).map((d) => `USA${d}`),
          authority: digits(4),
          validFrom: date,
          validTo: date,
          nationality: fc.constantFrom('USA', 'GBR', 'DEU'),
        }),
        (card) => {
          const t = roundTrip(card);
          expect(withoutDerived(t)).toEqual(card);
          expect(t.idNumberValid).toBe(true);
        },
      ),
    );
  });

  it('foreign 2023 (Y), including English names that spill into offset 220', () => {
    fc.assert(
      fc.property(
        fc.record({
          cardType: fc.constant('foreign2023' as const),
          name: ucs(1, 15),
          nameEn: latin(1, 46),
          gender,
          birthDate: date,
          idNumber: digits(17).map((d) => `9${d.slice(1)}X`),
          authority: ucs(1, 15),
          validFrom: date,
          validTo: date,
          nationality: fc.constantFrom('USA', 'CAN', 'JPN'),
        }),
        (card) => {
          expect(withoutDerived(roundTrip(card))).toEqual(card);
        },
      ),
    );
  });

  it('extra address (70 bytes)', () => {
    fc.assert(
      fc.property(ucs(0, 35), (a) => {
        const block = encodeExtraAddress(a);
        expect(block.length).toBe(70);
        expect(decodeExtraAddress(block)).toBe(a);
      }),
    );
  });
});
