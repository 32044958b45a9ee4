/** 个体工商户设立登记: filed with the form, 秒批 when the rule passes, else reviewed by staff. */
import { t } from '../../text';
import { INDIVIDUAL_BUSINESS_LICENCE } from '../rules';
import type { ServiceDefinitionInput } from '../service';
import { SAVED_FOR_LATER } from './common';

/** Business scopes a sole proprietor may register without review (许可类经营项目 need staff). */
export const INSTANT_BUSINESS_SCOPES = [
  '日用百货零售',
  '服装鞋帽零售',
  '文具用品零售',
  '理发服务',
  '家政服务',
  '日用电器修理',
  '打字复印',
  '摄影扩印服务',
  '洗染服务',
  '自行车修理',
] as const;

const SCOPE_EN: Record<string, string> = {
  日用百货零售: 'Daily goods retail',
  服装鞋帽零售: 'Clothing and footwear retail',
  文具用品零售: 'Stationery retail',
  理发服务: 'Hairdressing',
  家政服务: 'Housekeeping services',
  日用电器修理: 'Household appliance repair',
  打字复印: 'Typing and photocopying',
  摄影扩印服务: 'Photography and photo printing',
  洗染服务: 'Laundry and dyeing',
  自行车修理: 'Bicycle repair',
  餐饮服务: 'Catering (licence required)',
  食品销售: 'Food sales (licence required)',
  烟草制品零售: 'Tobacco retail (licence required)',
};

/** The filled form of a sole proprietor registration, as the back office reads it. */
// A type alias, not an interface: the back office casts a validated Record<string, unknown> to it.
export type SoleProprietorForm = {
  businessName: string;
  ownerType: 'naturalPerson' | 'family';
  businessScope: string[];
  address: string;
  capitalYuan?: number;
  phone?: string;
};

export const soleProprietorRegistration: ServiceDefinitionInput = {
  serviceId: 'sole-proprietor-registration',
  theme: 'registration',
  name: t('个体工商户设立登记', 'Sole proprietor registration'),
  summary: t(
    '个人经营一般经营项目可即时核准并打印营业执照（秒批）',
    'A general business run by one person can be approved at once and its licence printed (instant approval)',
  ),
  guide: {
    materials: [
      t('经营者本人居民身份证', "The operator's own resident ID card"),
      t(
        '经营场所使用证明（房屋产权证明或租赁合同等），在本机拍摄提交；持有电子不动产权证书的可直接调用',
        'Proof of the right to use the premises (title certificate or lease), photographed here, or your electronic title certificate',
      ),
      t('个体工商户登记（备案）申请书，在本机填写', 'The registration application, filled in here'),
    ],
    timeLimit: t(
      '符合智能审批条件的即时办结；其他申请3个工作日内办结',
      'At once when the instant-approval conditions are met; otherwise within 3 working days',
    ),
    fees: t('不收费', 'Free of charge'),
    legalBasis: [
      t(
        '《促进个体工商户发展条例》（国务院令第755号）',
        'Regulations on Promoting Individual Businesses (State Council Order No. 755)',
      ),
      t(
        '《中华人民共和国市场主体登记管理条例》（国务院令第746号）',
        'Regulations on the Registration of Market Entities (State Council Order No. 746)',
      ),
      t(
        '《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52号）',
        'Implementing Rules of the Regulations on the Registration of Market Entities (SAMR Order No. 52)',
      ),
    ],
    notes: [
      t(
        '智能审批（秒批）适用于：年满18周岁的个人经营、经营范围均为一般经营项目、本人名下无已登记的个体工商户。',
        'Instant approval applies to one adult person, general business scopes only, and no sole proprietorship already registered in their name.',
      ),
      t(
        '经营范围含许可类项目（如餐饮服务、食品销售）的，登记后还须取得相应许可方可经营。',
        'Scopes that need a permit (e.g. catering, food sales) may only be run once that permit is granted.',
      ),
    ],
  },
  identification: ['idCard', 'qr'],
  devices: ['camera', 'a4Printer', 'receiptPrinter'],
  profiles: ['hall'],
  form: {
    fields: [
      {
        name: 'businessName',
        kind: 'text',
        label: t('个体工商户名称', 'Business name'),
        hint: t('如：东城区晓明打字复印店', 'e.g. 东城区晓明打字复印店'),
        minLength: 2,
        maxLength: 60,
      },
      {
        name: 'ownerType',
        kind: 'choice',
        label: t('组成形式', 'Form of business'),
        options: [
          { value: 'naturalPerson', label: t('个人经营', 'Run by one person') },
          { value: 'family', label: t('家庭经营', 'Run by a family') },
        ],
      },
      {
        name: 'businessScope',
        kind: 'multiChoice',
        label: t('经营范围', 'Business scope'),
        options: Object.entries(SCOPE_EN).map(([zh, en]) => ({ value: zh, label: t(zh, en) })),
        allowOther: true,
        maxItems: 20,
      },
      { name: 'address', kind: 'address', label: t('经营场所', 'Business premises') },
      {
        name: 'capitalYuan',
        kind: 'number',
        label: t('资金数额', 'Capital'),
        unit: t('元', 'yuan'),
        required: false,
        min: 0,
        max: 1_000_000_000,
      },
      { name: 'phone', kind: 'phone', label: t('联系电话', 'Contact phone'), required: false },
    ],
  },
  sampleForm: {
    businessName: '东城区晓明打字复印店',
    ownerType: 'naturalPerson',
    businessScope: ['打字复印', '文具用品零售'],
    address: '北京市东城区东四北大街100号',
    capitalYuan: 50000,
    phone: '13800138000',
  },
  instantRule: {
    description: '自然人经营者、年满18周岁、一般经营项目、无已登记个体工商户',
    conditions: [
      { kind: 'equals', path: 'form.ownerType', value: 'naturalPerson' },
      { kind: 'validIdNumber', path: 'applicant.idNumber' },
      { kind: 'minAge', path: 'applicant.idNumber', years: 18 },
      { kind: 'subsetOf', path: 'form.businessScope', allowed: INSTANT_BUSINESS_SCOPES },
      { kind: 'nonEmpty', path: 'form.address' },
      { kind: 'noElicence', idPath: 'applicant.idNumber', licenceType: INDIVIDUAL_BUSINESS_LICENCE },
    ],
  },
  resultTemplate: 'soleProprietorNotice',
  steps: [
    { id: 'guide', kind: 'guide' },
    { id: 'identify', kind: 'identify' },
    { id: 'form', kind: 'form' },
    { id: 'elicences', kind: 'elicences' },
    {
      id: 'materials',
      kind: 'capture',
      // An e-licence attached instead (an electronic 不动产权证书) makes the photographed proof unnecessary.
      when: { path: 'elicences.selected', eq: 0 },
      materials: [
        {
          kind: 'premisesProof',
          name: t('经营场所使用证明', 'Proof of the premises'),
          hint: t('房屋产权证明或租赁合同，每页拍摄一次', 'Title certificate or lease, one photo per page'),
          maxPages: 10,
        },
      ],
    },
    { id: 'confirm', kind: 'confirm' },
    { id: 'submit', kind: 'submit', delivery: 'print' },
    { id: 'decision', kind: 'waitResult' },
    {
      id: 'print',
      kind: 'print',
      outputs: [
        { doc: 'resultNotice', when: { path: 'result.approved', eq: true } },
        { doc: 'acceptanceSlip' },
      ],
    },
    { id: 'rate', kind: 'rate' },
    {
      id: 'done',
      kind: 'done',
      messages: [
        SAVED_FOR_LATER,
        {
          when: { path: 'result.approved', eq: true },
          text: t(
            '准予设立登记。登记通知书已打印，电子营业执照已同步生成。',
            'Registration granted. The notice is printed and your electronic business licence is issued.',
          ),
        },
        {
          text: t(
            '申请已受理，转人工审核，3个工作日内办结，结果将短信通知。请保管好受理凭条。',
            'Your application is filed for review and will be decided within 3 working days; you will get a text message. Keep the receipt.',
          ),
        },
      ],
    },
  ],
};
