/** Certificates printed at once from records the hall does not own (社保, 公积金, 不动产). */
import { t } from '../../text';
import type { ServiceDefinitionInput } from '../service';

const OWN_ID = t(
  '本人有效身份证件（居民身份证、社会保障卡或“一码办”二维码）',
  'Your own valid ID (resident ID card, social security card or the 一码办 QR code)',
);

export const socialInsuranceCertificate: ServiceDefinitionInput = {
  serviceId: 'social-insurance-certificate',
  theme: 'socialInsurance',
  name: t('参保证明打印', 'Social insurance certificate'),
  summary: t(
    '打印本人社会保险参保缴费证明，可用于子女入学、购房、落户等',
    'Print proof of your social insurance contributions, e.g. for school places, buying a home or hukou',
  ),
  guide: {
    materials: [OWN_ID],
    timeLimit: t('即时办结', 'At once'),
    fees: t('不收费', 'Free of charge'),
    legalBasis: [
      t('《中华人民共和国社会保险法》第七十四条', 'Social Insurance Law of the PRC, Article 74'),
      t(
        '《社会保险个人权益记录管理办法》（人力资源和社会保障部令第14号）',
        'Measures on Personal Social Insurance Records (MOHRSS Order No. 14)',
      ),
    ],
    notes: [
      t(
        '只能打印本人的参保证明；证明加盖电子印章，可凭证明上的验证码在线核验真伪。',
        'Only your own certificate can be printed. It carries an electronic seal; its verification code can be checked online.',
      ),
      t(
        '参保记录有误的，请到社会保险经办窗口核实。',
        'If a record is wrong, please have it checked at the social insurance window.',
      ),
    ],
  },
  identification: ['idCard', 'socialSecurityCard', 'qr'],
  devices: ['a4Printer'],
  profiles: ['hall'],
  steps: [
    { id: 'guide', kind: 'guide' },
    { id: 'identify', kind: 'identify' },
    { id: 'record', kind: 'lookup', query: 'socialInsuranceRecord' },
    { id: 'print', kind: 'print', outputs: [{ doc: 'socialInsuranceCertificate' }] },
    {
      id: 'done',
      kind: 'done',
      messages: [{ text: t('参保证明已打印，请取走证明。', 'Your certificate is printed. Please take it.') }],
    },
  ],
};

export const housingFundCertificate: ServiceDefinitionInput = {
  serviceId: 'housing-fund-certificate',
  theme: 'housingFund',
  name: t('公积金缴存证明打印', 'Housing fund deposit certificate'),
  summary: t(
    '打印本人住房公积金缴存证明，可用于贷款、租房提取等',
    'Print proof of your housing provident fund deposits, e.g. for a loan or a rent withdrawal',
  ),
  guide: {
    materials: [
      t(
        '本人有效身份证件，或已关联公积金账户的社会保障卡、银行卡',
        'Your valid ID, or a social security or bank card linked to your fund account',
      ),
    ],
    timeLimit: t('即时办结', 'At once'),
    fees: t('不收费', 'Free of charge'),
    legalBasis: [
      t(
        '《住房公积金管理条例》（国务院令第350号，2019年3月24日修订）',
        'Regulations on the Administration of Housing Provident Funds (State Council Order No. 350, revised 2019)',
      ),
    ],
    notes: [
      t(
        '账户处于封存状态的，证明上注明封存日期。',
        'For a sealed account, the certificate states the date it was sealed.',
      ),
    ],
  },
  identification: ['idCard', 'socialSecurityCard', 'bankCard', 'qr'],
  devices: ['a4Printer'],
  profiles: ['hall', 'stm'],
  steps: [
    { id: 'guide', kind: 'guide' },
    { id: 'identify', kind: 'identify' },
    { id: 'account', kind: 'lookup', query: 'housingFundAccount' },
    { id: 'print', kind: 'print', outputs: [{ doc: 'housingFundCertificate' }] },
    {
      id: 'done',
      kind: 'done',
      messages: [{ text: t('缴存证明已打印，请取走证明。', 'Your certificate is printed. Please take it.') }],
    },
  ],
};

export const realEstateQuery: ServiceDefinitionInput = {
  serviceId: 'real-estate-query',
  theme: 'realEstate',
  name: t('不动产登记信息查询', 'Real estate registration search'),
  summary: t(
    '查询本人名下不动产的登记信息，可打印查询结果',
    'See the real estate registered in your name, and print the result',
  ),
  guide: {
    materials: [OWN_ID],
    timeLimit: t('即时办结', 'At once'),
    fees: t('不收费', 'Free of charge'),
    legalBasis: [
      t(
        '《不动产登记暂行条例》（国务院令第656号）第二十七条',
        'Interim Regulations on Real Estate Registration (State Council Order No. 656), Article 27',
      ),
      t(
        '《不动产登记资料查询暂行办法》（国土资源部令第80号）',
        'Interim Measures on Searching Real Estate Registration Records (MLR Order No. 80)',
      ),
    ],
    notes: [
      t(
        '本机只查询本人作为权利人的登记信息；查询他人或利害关系人查询请到不动产登记窗口。',
        'Only property you hold yourself can be searched here; other searches are made at the real estate window.',
      ),
    ],
  },
  identification: ['idCard', 'qr'],
  devices: ['a4Printer'],
  profiles: ['hall'],
  steps: [
    { id: 'guide', kind: 'guide' },
    { id: 'identify', kind: 'identify' },
    { id: 'record', kind: 'lookup', query: 'realEstate' },
    { id: 'print', kind: 'print', outputs: [{ doc: 'realEstateRecord' }], optional: true },
    {
      id: 'done',
      kind: 'done',
      messages: [{ text: t('查询完成。', 'Search complete.') }],
    },
  ],
};
