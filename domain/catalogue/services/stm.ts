/** The 社保 / 医保 / 公积金 subset a bank STM offers, identified by social security or bank card. */
import { t } from '../../text';
import type { ServiceDefinitionInput } from '../service';

const CARD = t(
  '本人社会保障卡，或已关联账户的本人银行卡',
  'Your social security card, or your bank card linked to the account',
);
const AT_ONCE = t('即时办结', 'At once');
const FREE = t('不收费', 'Free of charge');
const SOCIAL_INSURANCE_LAW = t(
  '《中华人民共和国社会保险法》第七十四条',
  'Social Insurance Law of the PRC, Article 74',
);

export const socialInsurancePayments: ServiceDefinitionInput = {
  serviceId: 'social-insurance-payments',
  theme: 'socialInsurance',
  name: t('参保缴费记录', 'Social insurance payments'),
  summary: t('查询并打印本人社会保险缴费明细', 'See and print your social insurance payments month by month'),
  guide: {
    materials: [CARD],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [SOCIAL_INSURANCE_LAW],
    notes: [t('显示最近的缴费月份，打印在凭条上。', 'Shows your latest months and prints them on a slip.')],
  },
  identification: ['socialSecurityCard', 'bankCard', 'idCard'],
  devices: ['receiptPrinter'],
  profiles: ['stm', 'hall'],
  steps: [
    { id: 'identify', kind: 'identify' },
    { id: 'payments', kind: 'lookup', query: 'socialInsurancePayments' },
    { id: 'print', kind: 'print', outputs: [{ doc: 'paymentHistory' }] },
    { id: 'done', kind: 'done', messages: [{ text: t('请取走缴费记录凭条。', 'Please take your slip.') }] },
  ],
};

export const medicalInsuranceBalance: ServiceDefinitionInput = {
  serviceId: 'medical-insurance-balance',
  theme: 'medicalInsurance',
  name: t('医保账户余额', 'Medical insurance balance'),
  summary: t('查询本人职工医保个人账户余额', 'See the balance of your medical insurance personal account'),
  guide: {
    materials: [CARD],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [
      t(
        '《医疗保障基金使用监督管理条例》（国务院令第735号）',
        'Regulations on the Supervision of Medical Insurance Funds (State Council Order No. 735)',
      ),
    ],
    notes: [],
  },
  identification: ['socialSecurityCard', 'bankCard', 'idCard'],
  devices: [],
  profiles: ['stm', 'hall'],
  steps: [
    { id: 'identify', kind: 'identify' },
    { id: 'balance', kind: 'lookup', query: 'medicalInsuranceBalance' },
    { id: 'done', kind: 'done', messages: [{ text: t('查询完成。', 'Search complete.') }] },
  ],
};

export const housingFundBalance: ServiceDefinitionInput = {
  serviceId: 'housing-fund-balance',
  theme: 'housingFund',
  name: t('公积金余额', 'Housing fund balance'),
  summary: t('查询本人住房公积金账户余额和缴存情况', 'See your housing provident fund balance and deposits'),
  guide: {
    materials: [CARD],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [
      t(
        '《住房公积金管理条例》（国务院令第350号，2019年3月24日修订）',
        'Regulations on the Administration of Housing Provident Funds (State Council Order No. 350, revised 2019)',
      ),
    ],
    notes: [],
  },
  identification: ['socialSecurityCard', 'bankCard', 'idCard'],
  devices: [],
  profiles: ['stm', 'hall'],
  steps: [
    { id: 'identify', kind: 'identify' },
    { id: 'account', kind: 'lookup', query: 'housingFundAccount' },
    { id: 'done', kind: 'done', messages: [{ text: t('查询完成。', 'Search complete.') }] },
  ],
};
