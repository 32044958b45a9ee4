// Fixed views of the host, one per screen, for the screens harness (screenshots, axe, touch rules)
// and the screens' unit tests. Typed by the contract and parsed with its schemas in a test, so they
// stay what the host really sends. Names and numbers are invented; ID numbers arrive masked.
import type { CatalogueView, FlowView } from '../../../../main/ipc/contract/flow';

type Step = NonNullable<FlowView['step']>;
type StepBody = Step extends infer S ? (S extends Step ? Omit<S, 'id' | 'n' | 'm'> : never) : never;

const RESIDENCE = {
  serviceId: 'residence-permit',
  name: { zh: '居住证申领', en: 'Residence permit application' },
};

export const IDENTITY: NonNullable<FlowView['identity']> = {
  method: 'idCard',
  name: '张晓明',
  idNumber: '110105********1238',
  cardType: 'resident',
};

const idle: FlowView['idle'] = { deadline: 1_090_000, warning: false };

/** A view in a journey at step `n` of `m` with the given body. */
export function flowWith(
  body: StepBody,
  extra: Partial<FlowView> & { n?: number; m?: number; id?: string } = {},
): FlowView & { step: Step } {
  const { n = 3, m = 8, id = body.kind, ...rest } = extra;
  return {
    phase: 'flow',
    profile: 'hall',
    elder: false,
    identity: IDENTITY,
    service: RESIDENCE,
    idle,
    reminders: [],
    can: { back: true, cancel: true },
    ...rest,
    step: { id, n, m, ...body },
  };
}

export const ATTRACT: FlowView = {
  phase: 'attract',
  profile: 'hall',
  elder: false,
  idle: { deadline: null, warning: false },
  reminders: [],
  can: { back: false, cancel: false },
};

export const BROWSING: FlowView = {
  ...ATTRACT,
  phase: 'browsing',
  idle,
  can: { back: false, cancel: true },
};

const l = (zh: string, en: string) => ({ zh, en });

export const CATALOGUE: CatalogueView = {
  profile: 'hall',
  source: 'shipped',
  themes: [
    { id: 'socialInsurance', name: l('社会保险', 'Social insurance') },
    { id: 'housingFund', name: l('住房公积金', 'Housing provident fund') },
    { id: 'publicSecurity', name: l('公安专项类', 'Public security') },
    { id: 'registration', name: l('注册登记类', 'Business registration') },
    { id: 'hallServices', name: l('综合服务类', 'Hall services') },
  ],
  services: [
    {
      serviceId: 'social-insurance-certificate',
      theme: 'socialInsurance',
      name: l('参保证明打印', 'Social insurance certificate'),
      summary: l('打印本人社会保险参保缴费证明', 'Print proof of your social insurance contributions'),
      identification: ['idCard', 'socialSecurityCard', 'qr'],
      available: false,
      missing: ['a4Printer'],
    },
    {
      serviceId: 'housing-fund-certificate',
      theme: 'housingFund',
      name: l('公积金缴存证明打印', 'Housing fund deposit certificate'),
      summary: l('打印本人住房公积金缴存证明', 'Print proof of your housing fund deposits'),
      identification: ['idCard', 'socialSecurityCard', 'qr'],
      available: true,
    },
    {
      serviceId: 'residence-permit',
      theme: 'publicSecurity',
      name: RESIDENCE.name,
      summary: l('申领居住证，材料在本机拍摄或投入自助柜', 'Apply for a residence permit here'),
      identification: ['idCard'],
      available: true,
    },
    {
      serviceId: 'sole-proprietor-registration',
      theme: 'registration',
      name: l('个体工商户设立登记', 'Sole proprietor registration'),
      summary: l('秒批：符合条件的当场出证', 'Instant approval when the conditions are met'),
      identification: ['idCard'],
      available: true,
    },
    {
      serviceId: 'progress-query',
      theme: 'hallServices',
      name: l('办件进度查询', 'Application progress'),
      summary: l('扫描回执二维码或刷身份证查询', 'Scan your receipt QR or use your ID card'),
      identification: ['idCard', 'qr', 'none'],
      available: true,
    },
    {
      serviceId: 'queue-ticket',
      theme: 'hallServices',
      name: l('取号', 'Queue ticket'),
      summary: l('取人工窗口的排队号', 'Take a number for a staffed counter'),
      identification: ['none'],
      available: true,
    },
    {
      serviceId: 'sample-forms',
      theme: 'hallServices',
      name: l('样表查看', 'Sample forms'),
      summary: l('查看各业务的填写样表', 'See how each form is filled in'),
      identification: ['none'],
      available: true,
    },
  ],
};

const residenceFields: Extract<Step, { kind: 'form' }>['fields'] = [
  {
    name: 'name',
    kind: 'text',
    label: l('姓名', 'Name'),
    required: true,
    input: 'pinyin',
    locked: true,
    value: '张晓明',
    maxLength: 40,
  },
  {
    name: 'idNumber',
    kind: 'idNumber',
    label: l('公民身份号码', 'ID number'),
    required: true,
    input: 'idNumber',
    locked: true,
    display: '110105********1238',
  },
  {
    name: 'gender',
    kind: 'choice',
    label: l('性别', 'Sex'),
    required: true,
    input: 'none',
    locked: true,
    value: 'male',
    options: [
      { value: 'male', label: l('男', 'Male') },
      { value: 'female', label: l('女', 'Female') },
    ],
  },
  {
    name: 'residenceAddress',
    kind: 'address',
    label: l('居住地址', 'Address here'),
    required: true,
    input: 'pinyin',
    locked: false,
    minLength: 4,
  },
  {
    name: 'residenceSince',
    kind: 'date',
    label: l('居住登记日期', 'Residence registered on'),
    required: true,
    input: 'none',
    locked: false,
  },
  {
    name: 'basis',
    kind: 'choice',
    label: l('申领条件', 'Qualifying condition'),
    required: true,
    input: 'none',
    locked: false,
    options: [
      { value: 'employment', label: l('合法稳定就业', 'Stable employment') },
      { value: 'housing', label: l('合法稳定住所', 'Stable home') },
      { value: 'study', label: l('连续就读', 'Studying here') },
    ],
  },
  {
    name: 'employerOrSchool',
    kind: 'text',
    label: l('工作单位或学校', 'Employer or school'),
    required: false,
    input: 'pinyin',
    locked: false,
  },
  {
    name: 'phone',
    kind: 'phone',
    label: l('联系电话', 'Contact phone'),
    required: true,
    input: 'phone',
    locked: false,
    value: '13800138000',
  },
];

const guide: Extract<Step, { kind: 'guide' }> extends infer G ? Omit<G, 'id' | 'n' | 'm'> : never = {
  kind: 'guide',
  summary: l('申领居住证，材料在本机拍摄或投入自助柜', 'Apply for a residence permit here'),
  guide: {
    materials: [
      l('本人居民身份证', 'Your resident ID card'),
      l('近期免冠照片，在本机拍摄', 'A recent photo without headwear, taken here'),
      l(
        '居住地住址证明：房屋租赁合同、房屋产权证明或住宿证明',
        'Proof of address: a lease, a title certificate or a housing letter',
      ),
      l(
        '就业或就读证明之一：劳动合同、营业执照或学生证等',
        'Proof of work or study: a contract, a business licence, a student card…',
      ),
    ],
    timeLimit: l('受理之日起15日内制发', 'Issued within 15 days of filing'),
    fees: l('首次申领不收费', 'Free for a first application'),
    legalBasis: [
      l(
        '《居住证暂行条例》（国务院令第663号）',
        'Interim Regulations on Residence Permits (State Council Order No. 663)',
      ),
    ],
    notes: [l('须已办理居住登记满半年。', 'You must have registered your residence six months ago or more.')],
  },
};

const GOOD_REASONS = [
  { id: 'doneInOneVisit', label: l('一次办成，不用再跑', 'Done in one visit') },
  { id: 'easyTerminal', label: l('自助设备操作方便', 'The terminal was easy to use') },
];
const POOR_REASONS = [
  { id: 'slow', label: l('办理时间过长', 'It took too long') },
  { id: 'other', label: l('其他（请填写意见）', 'Other (please explain)') },
];

/** Every screen the harness shows, by name. */
export const SCREENS = {
  attract: ATTRACT,
  catalogue: BROWSING,
  cardUnreadable: { ...BROWSING, notice: 'cardUnreadable' },
  guide: flowWith(guide, { n: 1, m: 9, can: { back: true, cancel: true } }),
  identify: flowWith(
    { kind: 'identify', accept: ['idCard', 'socialSecurityCard'], reading: false },
    { n: 2, m: 9, identity: undefined },
  ),
  identifyReading: flowWith(
    { kind: 'identify', accept: ['idCard', 'socialSecurityCard'], reading: true },
    { n: 2, m: 9, identity: undefined, busy: { key: 'readingCard' } },
  ),
  form: flowWith({ kind: 'form', fields: residenceFields, errors: [] }),
  formErrors: flowWith({
    kind: 'form',
    fields: residenceFields,
    errors: [
      { path: 'residenceAddress', message: 'Too small: expected string to have >=4 characters' },
      { path: 'residenceSince', message: 'Invalid input' },
    ],
  }),
  choose: flowWith(
    {
      kind: 'choose',
      key: 'paperBy',
      prompt: l('纸质证明材料如何提交？', 'How will you hand in the paper proofs?'),
      options: [
        { value: 'camera', label: l('在本机逐页拍摄', 'Photograph them here, page by page') },
        {
          value: 'locker',
          label: l('投入自助柜，由工作人员取走核验', 'Put them in a locker for staff to check'),
          detail: l('柜门打开后放入材料并关门', 'A door opens; put the papers in and close it'),
        },
      ],
    },
    { n: 5 },
  ),
  capture: flowWith(
    {
      kind: 'capture',
      materials: [
        {
          kind: 'addressProof',
          name: l('居住地住址证明', 'Proof of address'),
          hint: l('租赁合同请拍摄全部页', 'Every page of a lease'),
          required: true,
          maxPages: 10,
          pages: 2,
        },
        {
          kind: 'workProof',
          name: l('就业或就读证明', 'Proof of work or study'),
          required: true,
          maxPages: 5,
          pages: 0,
        },
        { kind: 'other', name: l('其他材料', 'Other documents'), required: false, maxPages: 5, pages: 0 },
      ],
      pageLimit: 20,
      pagesUsed: 2,
    },
    { n: 6 },
  ),
  elicences: flowWith(
    {
      kind: 'elicences',
      items: [
        {
          id: '0',
          licenceType: '居民身份证',
          number: '110105********1238',
          issuer: '北京市公安局东城分局',
          validTo: '2035-06-30',
        },
        {
          id: '1',
          licenceType: '营业执照',
          number: '91440500MA********',
          issuer: '汕头市市场监督管理局',
          validTo: '长期',
        },
      ],
      selected: ['0'],
    },
    { n: 4 },
  ),
  confirm: flowWith(
    {
      kind: 'confirm',
      rows: [
        { label: l('姓名', 'Name'), value: '张晓明' },
        { label: l('公民身份号码', 'ID number'), value: '110105********1238' },
        { label: l('居住地址', 'Address here'), value: '广东省汕头市龙湖区长平路88号3栋502房' },
        { label: l('联系电话', 'Contact phone'), value: '138****8000' },
      ],
      materials: [
        { name: l('本人近期免冠照片', 'Your recent photo'), pages: 1 },
        { name: l('居住地住址证明', 'Proof of address'), pages: 2 },
      ],
      delivery: l('到窗口领取', 'Collect at the counter'),
    },
    { n: 7 },
  ),
  submit: flowWith(
    { kind: 'submit' },
    { n: 8, busy: { key: 'submitting' }, can: { back: false, cancel: false } },
  ),
  waitResult: flowWith(
    { kind: 'waitResult', deadline: 1_030_000 },
    { n: 8, busy: { key: 'waitingForResult' }, can: { back: false, cancel: false } },
  ),
  printAsking: flowWith(
    { kind: 'print', outputs: [{ doc: 'applicationForm', printer: 'a4', state: 'waiting' }], asking: true },
    { n: 8, can: { back: false, cancel: true } },
  ),
  print: flowWith(
    {
      kind: 'print',
      outputs: [
        { doc: 'acceptanceReceipt', printer: 'a4', state: 'printed' },
        { doc: 'acceptanceSlip', printer: 'receipt', state: 'printing' },
      ],
      asking: false,
    },
    { n: 8, busy: { key: 'printing' }, can: { back: false, cancel: false } },
  ),
  printTake: flowWith(
    {
      kind: 'print',
      outputs: [{ doc: 'acceptanceSlip', printer: 'receipt', state: 'printed' }],
      asking: false,
    },
    { n: 8, can: { back: false, cancel: false }, reminders: [{ kind: 'receiptNotTaken' }] },
  ),
  printFault: flowWith(
    {
      kind: 'print',
      outputs: [{ doc: 'acceptanceSlip', printer: 'receipt', state: 'failed' }],
      asking: false,
    },
    {
      n: 8,
      can: { back: false, cancel: true },
      fault: { code: 'paperOut', options: ['wait', 'counter', 'end'] },
    },
  ),
  notice: flowWith(
    {
      kind: 'notice',
      tone: 'warning',
      message: l(
        '您的申请需要工作人员审核，结果将以短信通知。',
        'Your application needs a staff review; you will get a text message with the result.',
      ),
    },
    { n: 8 },
  ),
  done: flowWith(
    {
      kind: 'done',
      message: l(
        '申请已提交，请凭回执到窗口领取居住证。',
        'Your application is filed. Collect the permit at the counter with your receipt.',
      ),
      rows: [
        { label: l('业务', 'Service'), value: '居住证申领' },
        { label: l('办件编号', 'Tracking number'), value: 'YZ20261205-0042' },
      ],
    },
    { n: 9, m: 9, can: { back: false, cancel: false } },
  ),
  lockerDeposit: flowWith(
    { kind: 'lockerDeposit', state: 'open', door: 'A03' },
    // A door opened: there is no going back from here.
    { n: 6, can: { back: false, cancel: true } },
  ),
  lockerPickup: flowWith(
    { kind: 'lockerPickup', state: 'done', door: 'B12' },
    {
      n: 3,
      m: 4,
      service: { serviceId: 'result-pickup', name: l('结果领取', 'Collect a result') },
      can: { back: false, cancel: true },
    },
  ),
  queueTicket: flowWith(
    { kind: 'queueTicket', ticket: { number: 'B017', waiting: 3, counter: '5号、6号窗口' } },
    {
      n: 2,
      m: 3,
      identity: undefined,
      service: { serviceId: 'queue-ticket', name: l('取号', 'Queue ticket') },
    },
  ),
  rate: flowWith(
    {
      kind: 'rate',
      subject: { trackingNumber: 'YZ20261205-0042', service: RESIDENCE.name },
      // As the host sends them (domain/rating); the reasons show once a level is chosen.
      levels: [
        { level: 5, label: l('非常满意', 'Very satisfied'), poor: false, options: GOOD_REASONS },
        { level: 4, label: l('满意', 'Satisfied'), poor: false, options: GOOD_REASONS },
        { level: 3, label: l('基本满意', 'Fairly satisfied'), poor: false, options: GOOD_REASONS },
        { level: 2, label: l('不满意', 'Dissatisfied'), poor: true, options: POOR_REASONS },
        { level: 1, label: l('非常不满意', 'Very dissatisfied'), poor: true, options: POOR_REASONS },
      ],
      textMax: 200,
      optional: true,
    },
    { n: 9, m: 10, can: { back: false, cancel: true } },
  ),
  enterCode: flowWith(
    { kind: 'enterCode', code: 'trackingNumber', input: 'letters', scan: true },
    {
      n: 2,
      m: 5,
      identity: undefined,
      service: { serviceId: 'material-deposit', name: l('材料投递', 'Hand in papers') },
    },
  ),
  lookup: flowWith(
    {
      kind: 'lookup',
      query: 'progress',
      result: {
        rows: [],
        table: {
          columns: [
            l('受理编号', 'Tracking number'),
            l('事项', 'Service'),
            l('状态', 'Status'),
            l('更新时间', 'Updated'),
          ],
          rows: [
            [
              'YZ20261205-0042',
              '居住证申领 / Residence permit application',
              '已受理，审核中 / Accepted, under review',
              '2026-12-05 09:30',
            ],
            [
              'YZ20261118-0007',
              '个体工商户设立登记 / Sole proprietor registration',
              '需补正材料 / More materials needed：经营场所证明',
              '2026-11-20 14:05',
            ],
          ],
        },
      },
    },
    {
      n: 2,
      m: 3,
      service: { serviceId: 'progress-query', name: l('办件进度查询', 'Application progress') },
    },
  ),
  referral: flowWith(
    { kind: 'referral', code: 'providerDown', theme: l('公安专项类', 'Public security') },
    { n: 5, can: { back: false, cancel: false } },
  ),
  sample: flowWith(
    {
      kind: 'sample',
      service: RESIDENCE.name,
      fields: residenceFields.map((f) =>
        f.name === 'residenceAddress'
          ? { ...f, value: '广东省汕头市龙湖区长平路88号3栋502房' }
          : f.name === 'residenceSince'
            ? { ...f, value: '2025-03-01' }
            : f.name === 'basis'
              ? { ...f, value: 'employment' }
              : f,
      ),
    },
    { n: 2, m: 3, service: { serviceId: 'sample-forms', name: l('样表查看', 'Sample forms') } },
  ),
  idleWarning: flowWith(
    { kind: 'confirm', rows: [{ label: l('姓名', 'Name'), value: '张晓明' }], materials: [] },
    { n: 7, idle: { deadline: 1_018_000, warning: true } },
  ),
  ending: {
    ...ATTRACT,
    phase: 'ending',
    can: { back: false, cancel: false },
    reminders: [{ kind: 'cardLeft', role: 'idCard' }, { kind: 'receiptNotTaken' }],
  },
} satisfies Record<string, FlowView>;

export type ScreenName = keyof typeof SCREENS;
export const SCREEN_NAMES = Object.keys(SCREENS) as ScreenName[];
/** The clock the harness runs on: the idle deadlines above are this plus seconds. */
export const HARNESS_NOW = 1_000_000;
