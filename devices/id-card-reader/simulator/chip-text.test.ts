import { describe, expect, it } from 'vitest';
import { decodeTextBlock } from '../protocol/text';
import {
  chipExtraAddress,
  chipNationCode,
  chipTextBlock,
  NATION_CODE_BY_NAME,
  type ChipCard,
} from './chip-text';

// The simulated chip and the driver's decoder are written apart from the same fact sheet
// (protocols.md §1.7/§1.8); these tests hold them against each other and against bytes from §1.7.

const resident: ChipCard = {
  cardType: 'resident',
  name: '张三',
  gender: 'male',
  nation: '柯尔克孜',
  birthDate: '1949-12-31',
  address: '北京市朝阳区示例路1号',
  idNumber: '11010519491231002X',
  authority: '北京市公安局朝阳分局',
  validFrom: '2015-06-01',
  validTo: '长期',
};

const read = (card: ChipCard) => {
  const r = decodeTextBlock(chipTextBlock(card));
  if (!r.ok) throw new Error(r.reason);
  return r.text;
};

describe('the simulated chip (§1.7/§1.8)', () => {
  it('stores a nation named in the card file as its GB 3304-91 code: 柯尔克孜 is "29" (32 00 39 00 at 32)', () => {
    const block = chipTextBlock(resident);
    expect(Array.from(block.subarray(32, 36))).toEqual([0x32, 0x00, 0x39, 0x00]);
    expect(read(resident)).toMatchObject({ nation: '柯尔克孜', nationCode: '29' });
  });

  it('holds 58 nation codes, 01–56 in order, 97 and 98; each one reads back as its name through the driver', () => {
    const codes = [...NATION_CODE_BY_NAME.values()];
    expect(codes).toEqual([
      ...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')),
      '97',
      '98',
    ]);
    for (const [nation, code] of NATION_CODE_BY_NAME) {
      expect(read({ ...resident, nation })).toMatchObject({ nation, nationCode: code });
    }
  });

  it('prefers the code when a card file gives both, and refuses a nation GB 3304-91 does not list', () => {
    expect(chipNationCode({ nation: '汉', nationCode: '77' })).toBe('77');
    expect(() => chipNationCode({ nation: '穿青' })).toThrow(RangeError);
  });

  it('writes the flag at 248 per card type and pads with UCS-2 spaces', () => {
    const flag = (cardType: ChipCard['cardType']) =>
      Array.from(
        chipTextBlock({
          ...resident,
          cardType,
          nation: undefined,
          authority: '1100',
          idNumber: 'USA123456789012',
        }).subarray(248, 250),
      );
    expect([flag('resident'), flag('hkmotw'), flag('foreign2017'), flag('foreign2023')]).toEqual([
      [0x20, 0],
      [0x4a, 0],
      [0x49, 0],
      [0x59, 0],
    ]);
    expect(Array.from(chipTextBlock(resident).subarray(4, 8))).toEqual([0x20, 0, 0x20, 0]);
  });

  it('writes gender codes 0, 1, 2, 9 at 30 (GB/T 2261.1)', () => {
    const code = (gender: ChipCard['gender']) => chipTextBlock({ ...resident, gender })[30];
    expect([code('unknown'), code('male'), code('female'), code('unspecified')]).toEqual([
      0x30, 0x31, 0x32, 0x39,
    ]);
  });

  it('writes the extra address as 70 bytes of UCS-2LE and refuses one that does not fit', () => {
    const b = chipExtraAddress('北京');
    expect(b.length).toBe(70);
    expect(Array.from(b.subarray(0, 6))).toEqual([0x17, 0x53, 0xac, 0x4e, 0x20, 0x00]);
    expect(() => chipExtraAddress('址'.repeat(36))).toThrow(RangeError);
  });
});
