import { describe, expect, it } from 'vitest';
import { hexToBytes } from './apdu';
import {
  bcdDate,
  buildSocialSecurityCard,
  EF05_ITEMS,
  ef06Items,
  gbkText,
  generationOf,
  itemValue,
  RecordFormatError,
} from './social-security';

/** A record as the card returns it: tag (= item number), length, value. */
const record = (hex: string) => hexToBytes(hex);

describe('social security EF05/EF06 records (protocols §3.3)', () => {
  it('decodes a GBK name padded with 00 (EF06 item 09, 30 bytes)', () => {
    const rec = record('091E' + 'D5C5CFFEC3F7' + '00'.repeat(24));
    expect(gbkText(itemValue(rec, ef06Items(1).name))).toBe('张晓明');
    expect(gbkText(hexToBytes('C5B7D1F4C4C8C4C8' + '20'.repeat(22)))).toBe('欧阳娜娜');
  });

  it('reads BCD YYYYMMDD dates and treats blank or impossible dates as absent', () => {
    expect(bcdDate(itemValue(record('050420100601'), EF05_ITEMS.issueDate))).toBe('2010-06-01');
    expect(bcdDate(hexToBytes('00000000'))).toBeNull();
    expect(bcdDate(hexToBytes('FFFFFFFF'))).toBeNull();
    expect(bcdDate(hexToBytes('20230230'))).toBeNull();
  });

  it('takes the generation from the first character of the spec version ("3.00")', () => {
    expect(generationOf(itemValue(record('0304332E3030'), EF05_ITEMS.specVersion))).toBe(3);
    expect(generationOf(hexToBytes('312E3030'))).toBe(1);
    // the gen-2+ 4E name extension record moves sex from record 3 to record 4
    expect(ef06Items(1).sex.record).toBe(3);
    expect(ef06Items(2).sex.record).toBe(4);
  });

  it('rejects a record whose tag is not the item asked for, or whose length runs past the end', () => {
    expect(() => itemValue(record('0A0131'), ef06Items(1).name)).toThrow(RecordFormatError);
    expect(() => itemValue(record('0909D5C5'), ef06Items(1).name)).toThrow(RecordFormatError);
  });

  it('builds the card from raw item values: SSN = ID number, sex 1/2, area code from the identification code', () => {
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    const card = buildSocialSecurityCard(
      {
        identificationCode: ascii('110105D15600000500A1B2C3'.slice(0, 16)),
        cardType: ascii('3'),
        specVersion: ascii('2.00'),
        issueDate: hexToBytes('20160315'),
        expiryDate: hexToBytes('20260315'),
        cardNumber: ascii('B12345678'),
      },
      {
        idNumber: ascii('11010519491231002x'),
        name: hexToBytes('D5C5CFFEC3F7' + '00'.repeat(24)),
        sex: ascii('2'),
      },
    );
    expect(card).toEqual({
      kind: 'socialSecurity',
      identificationCode: '110105D156000005',
      areaCode: '110105',
      cardType: '3',
      cardVersion: '2.00',
      generation: 2,
      issueDate: '2016-03-15',
      expiryDate: '2026-03-15',
      cardNumber: 'B12345678',
      idNumber: '11010519491231002X',
      name: '张晓明',
      gender: 'female',
      warnings: [],
    });
  });
});
