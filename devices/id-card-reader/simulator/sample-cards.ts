import type { SimulatedCard } from './card-file';

/**
 * Deterministic stand-in for a WLT photo: 1024 bytes that start like the real files do ("WLf" header
 * bytes vary by issuer; nothing here is decodable). Real WLT data needs a licensed decoder anyway.
 */
export function samplePhotoWlt(seed = 1): string {
  const bytes = new Uint8Array(1024);
  let x = seed * 2654435761;
  for (let i = 0; i < bytes.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  bytes.set([0x57, 0x4c, 0x66], 0);
  return Buffer.from(bytes).toString('base64');
}

/** Fictional people with valid check digits (11010519491231002X is the worked example of §1.11). */
export const SAMPLE_CARDS = {
  resident: {
    cardType: 'resident',
    name: '张三',
    gender: 'male',
    nation: '汉',
    nationCode: '01',
    birthDate: '1949-12-31',
    address: '北京市朝阳区示例路1号',
    idNumber: '11010519491231002X',
    authority: '北京市公安局朝阳分局',
    validFrom: '2015-06-01',
    validTo: '长期',
    photoWlt: samplePhotoWlt(1),
  },
  residentWithExtraAddress: {
    cardType: 'resident',
    name: '李四',
    gender: 'female',
    nation: '蒙古',
    nationCode: '02',
    birthDate: '1976-08-05',
    address: '内蒙古自治区呼和浩特市示例街2号',
    idNumber: '110101197608056897',
    authority: '呼和浩特市公安局',
    validFrom: '2016-03-01',
    validTo: '2036-03-01',
    extraAddress: '北京市海淀区示例大街3号',
    photoWlt: samplePhotoWlt(2),
  },
  /**
   * A 生僻字 name: 䶮 (U+4DAE, CJK Extension A) is outside GB 2312, so fonts, masking, forms and
   * printing that only know common characters show their gaps with this card.
   */
  rareName: {
    cardType: 'resident',
    name: '龚䶮',
    gender: 'male',
    nation: '汉',
    nationCode: '01',
    birthDate: '1990-03-07',
    address: '江苏省南京市玄武区示例巷5号',
    idNumber: '320102199003071239',
    authority: '南京市公安局玄武分局',
    validFrom: '2020-03-07',
    validTo: '2040-03-07',
    photoWlt: samplePhotoWlt(6),
  },
  hkmotw: {
    cardType: 'hkmotw',
    name: '陈大文',
    gender: 'male',
    birthDate: '1980-01-01',
    address: '广东省深圳市福田区示例路4号',
    idNumber: '810000198001010014',
    authority: '深圳市公安局',
    validFrom: '2019-01-01',
    validTo: '2024-01-01',
    passNumber: 'H12345678',
    issueCount: 1,
    photoWlt: samplePhotoWlt(3),
  },
  foreign2017: {
    cardType: 'foreign2017',
    name: '史密斯',
    nameEn: 'SMITH, JOHN',
    gender: 'male',
    birthDate: '1970-07-04',
    idNumber: 'USA110070070401',
    authority: '1500',
    validFrom: '2017-09-01',
    validTo: '2027-09-01',
    nationality: 'USA',
    photoWlt: samplePhotoWlt(4),
  },
  foreign2023: {
    cardType: 'foreign2023',
    name: '玛丽',
    nameEn: 'MARTIN, MARIE CLAIRE ANNE ELISABETH DUPONT',
    gender: 'female',
    birthDate: '1985-05-12',
    idNumber: '911250198505120021',
    authority: '国家移民管理局',
    validFrom: '2023-12-01',
    validTo: '2033-12-01',
    nationality: 'FRA',
    photoWlt: samplePhotoWlt(5),
  },
} as const satisfies Record<string, SimulatedCard>;
