import { describe, expect, it } from 'vitest';
import { decodeTextBlock } from './text';

// Text blocks written byte by byte from the offsets in protocols.md §1.7/§1.8, independently of
// the simulated card's encoder (simulator/chip-text.ts) and of the decoder's layout table.

/** A 256-byte block of UCS-2LE spaces (20 00), as the card pads. */
const blank = (): Uint8Array => {
  const b = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) b[i] = 0x20;
  return b;
};

/** Writes `text` as UCS-2LE at `offset` (fields are left-aligned; the rest stays padding). */
function put(block: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    block[offset + 2 * i] = c & 0xff;
    block[offset + 2 * i + 1] = c >> 8;
  }
}

const decoded = (block: Uint8Array) => {
  const r = decodeTextBlock(block);
  if (!r.ok) throw new Error(`not decoded: ${r.reason}`);
  return r.text;
};

describe('text blocks laid out by hand from the fact sheet', () => {
  it('resident (flag " "): every field, 长期, nation name from the code', () => {
    const b = blank();
    put(b, 0, '张三');
    put(b, 30, '1');
    put(b, 32, '01');
    put(b, 36, '19491231');
    put(b, 52, '北京市朝阳区示例路1号');
    put(b, 122, '11010519491231002X');
    put(b, 158, '北京市公安局朝阳分局');
    put(b, 188, '20150601');
    put(b, 204, '长期');
    expect(Array.from(b.subarray(0, 4))).toEqual([0x20, 0x5f, 0x09, 0x4e]); // 张三 as in §1.7
    expect(decoded(b)).toEqual({
      cardType: 'resident',
      name: '张三',
      gender: 'male',
      nation: '汉',
      nationCode: '01',
      birthDate: '1949-12-31',
      address: '北京市朝阳区示例路1号',
      idNumber: '11010519491231002X',
      idNumberValid: true,
      authority: '北京市公安局朝阳分局',
      validFrom: '2015-06-01',
      validTo: '长期',
    });
  });

  it('resident with NUL padding, a NUL flag, an unknown nation code and the invalid sample number', () => {
    const b = new Uint8Array(256);
    put(b, 0, '李四');
    put(b, 30, '2');
    put(b, 32, '77');
    put(b, 36, '19760805');
    put(b, 52, '内蒙古自治区呼和浩特市示例街2号');
    put(b, 122, '110101197608056896');
    put(b, 158, '呼和浩特市公安局');
    put(b, 188, '20160301');
    put(b, 204, '20360301');
    expect(decoded(b)).toMatchObject({
      cardType: 'resident',
      name: '李四',
      gender: 'female',
      nation: '民族代码 77',
      nationCode: '77',
      idNumber: '110101197608056896',
      idNumberValid: false,
      validTo: '2036-03-01',
    });
  });

  it('HK/Macau/Taiwan residence permit (flag J): pass number at 220, issue count at 238, no nation', () => {
    const b = blank();
    put(b, 0, '陈大文');
    put(b, 30, '1');
    put(b, 36, '19800101');
    put(b, 52, '广东省深圳市福田区示例路4号');
    put(b, 122, '810000198001010014');
    put(b, 158, '深圳市公安局');
    put(b, 188, '20190101');
    put(b, 204, '20240101');
    put(b, 220, 'H12345678');
    put(b, 238, '03');
    put(b, 248, 'J');
    expect(decoded(b)).toEqual({
      cardType: 'hkmotw',
      name: '陈大文',
      gender: 'male',
      birthDate: '1980-01-01',
      address: '广东省深圳市福田区示例路4号',
      idNumber: '810000198001010014',
      idNumberValid: true,
      authority: '深圳市公安局',
      validFrom: '2019-01-01',
      validTo: '2024-01-01',
      passNumber: 'H12345678',
      issueCount: 3,
    });
  });

  it('foreign permanent resident card 2017 (flag I): English name first, Chinese name at 158', () => {
    const b = blank();
    put(b, 0, 'SMITH, JOHN');
    put(b, 120, '1');
    put(b, 122, 'USA110070070401');
    put(b, 152, 'USA');
    put(b, 158, '史密斯');
    put(b, 188, '20170901');
    put(b, 204, '20270901');
    put(b, 220, '19700704');
    put(b, 236, '20');
    put(b, 240, '1500');
    put(b, 248, 'I');
    expect(decoded(b)).toEqual({
      cardType: 'foreign2017',
      name: '史密斯',
      nameEn: 'SMITH, JOHN',
      gender: 'male',
      birthDate: '1970-07-04',
      idNumber: 'USA110070070401',
      idNumberValid: true,
      authority: '1500',
      validFrom: '2017-09-01',
      validTo: '2027-09-01',
      nationality: 'USA',
    });
  });

  it('foreign permanent resident card 2023 (flag Y): English name continued at 220 when it is Latin text', () => {
    const b = blank();
    put(b, 0, '玛丽');
    put(b, 30, '2');
    put(b, 32, '00');
    put(b, 36, '19850512');
    put(b, 52, 'MARTIN, MARIE CLAIRE ANNE ELISABETH');
    put(b, 122, '911250198505120021');
    put(b, 158, '国家移民管理局');
    put(b, 188, '20231201');
    put(b, 204, '20331201');
    put(b, 220, ' DUPONT');
    put(b, 242, 'FRA');
    put(b, 248, 'Y');
    expect(decoded(b)).toEqual({
      cardType: 'foreign2023',
      name: '玛丽',
      nameEn: 'MARTIN, MARIE CLAIRE ANNE ELISABETH DUPONT',
      gender: 'female',
      birthDate: '1985-05-12',
      idNumber: '911250198505120021',
      idNumberValid: true,
      authority: '国家移民管理局',
      validFrom: '2023-12-01',
      validTo: '2033-12-01',
      nationality: 'FRA',
    });
  });

  it('foreign 2023 whose offset 220 holds digits (the other source reads a pass number there): name from 52 only', () => {
    const b = blank();
    put(b, 0, '玛丽');
    put(b, 30, '2');
    put(b, 36, '19850512');
    put(b, 52, 'MARTIN, MARIE');
    put(b, 122, '911250198505120021');
    put(b, 188, '20231201');
    put(b, 204, '20331201');
    put(b, 220, '12345678901');
    put(b, 242, 'FRA');
    put(b, 248, 'Y');
    expect(decoded(b)).toMatchObject({
      cardType: 'foreign2023',
      nameEn: 'MARTIN, MARIE',
      nationality: 'FRA',
    });
  });
});
