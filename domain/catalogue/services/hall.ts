/** The hall's own services: progress, lockers, ratings, queue, appointments, sample forms and copies. */
import { t } from '../../text';
import type { ServiceDefinitionInput } from '../service';

const AT_ONCE = t('即时办结', 'At once');
const FREE = t('不收费', 'Free of charge');
const ONLINE_SERVICE = t(
  '《国务院关于在线政务服务的若干规定》（国务院令第716号）',
  'Provisions of the State Council on Online Government Services (State Council Order No. 716)',
);
const BUSINESS_ENVIRONMENT = t(
  '《优化营商环境条例》（国务院令第722号）',
  'Regulations on Optimising the Business Environment (State Council Order No. 722)',
);

export const progressQuery: ServiceDefinitionInput = {
  serviceId: 'progress-query',
  theme: 'hallServices',
  name: t('办件进度查询', 'Application progress'),
  summary: t(
    '刷身份证或扫描受理凭条二维码，查询办件进度',
    'Tap your ID card or scan the receipt QR code to see where a filing stands',
  ),
  guide: {
    materials: [t('本人居民身份证，或受理凭条', 'Your ID card, or the filing receipt')],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [ONLINE_SERVICE, BUSINESS_ENVIRONMENT],
    notes: [],
  },
  identification: ['idCard'],
  devices: ['scanner'],
  profiles: ['hall'],
  steps: [
    { id: 'identify', kind: 'identify', orCode: 'receiptQr' },
    { id: 'progress', kind: 'lookup', query: 'progress' },
    { id: 'done', kind: 'done', messages: [{ text: t('查询完成。', 'Search complete.') }] },
  ],
};

export const materialDeposit: ServiceDefinitionInput = {
  serviceId: 'material-deposit',
  theme: 'hallServices',
  name: t('材料投递', 'Hand in papers'),
  summary: t(
    '凭受理编号把纸质材料投入自助柜，工作人员取出办理',
    'Put the papers of a filing in a locker by its tracking number; staff take them from there',
  ),
  guide: {
    materials: [
      t('受理凭条或受理编号', 'The filing receipt or its tracking number'),
      t('需提交的纸质材料，请装入文件袋', 'The paper materials, in an envelope'),
    ],
    timeLimit: t('工作人员于下一个工作日取件', 'Staff collect them on the next working day'),
    fees: FREE,
    legalBasis: [ONLINE_SERVICE],
    notes: [
      t(
        '请勿投递现金、贵重物品及证件原件以外的物品。',
        'Do not put cash, valuables or anything but the papers in the locker.',
      ),
    ],
  },
  identification: ['none'],
  devices: ['lockers', 'scanner', 'receiptPrinter'],
  profiles: ['hall'],
  steps: [
    { id: 'guide', kind: 'guide' },
    { id: 'code', kind: 'enterCode', code: 'trackingNumber' },
    { id: 'filing', kind: 'lookup', query: 'filing' },
    {
      id: 'notNeeded',
      kind: 'notice',
      when: { path: 'lookup.filing.acceptsDeposit', eq: false },
      tone: 'warning',
      message: t(
        '该办件目前无需投递材料。如有疑问，请咨询服务窗口。',
        'This filing does not need papers now. Please ask at a service window if in doubt.',
      ),
    },
    { id: 'deposit', kind: 'lockerDeposit', when: { path: 'lookup.filing.acceptsDeposit', eq: true } },
    {
      id: 'print',
      kind: 'print',
      when: { path: 'lookup.filing.acceptsDeposit', eq: true },
      outputs: [{ doc: 'depositSlip' }],
    },
    {
      id: 'done',
      kind: 'done',
      messages: [
        {
          when: { path: 'lookup.filing.acceptsDeposit', eq: true },
          text: t('材料已投递，请保管好投递凭条。', 'Your papers are in. Please keep the slip.'),
        },
        { text: t('未投递材料。', 'No papers were handed in.') },
      ],
    },
  ],
};

export const resultPickup: ServiceDefinitionInput = {
  serviceId: 'result-pickup',
  theme: 'hallServices',
  name: t('结果领取', 'Collect a result'),
  summary: t(
    '刷身份证或输入取件码，从自助柜领取办理结果',
    'Tap your ID card or enter the pickup code to collect a result from a locker',
  ),
  guide: {
    materials: [
      t('本人居民身份证，或短信中的取件码', 'Your ID card, or the pickup code from the text message'),
    ],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [ONLINE_SERVICE],
    notes: [
      t(
        '取件码仅可使用一次；请在通知的期限内领取。',
        'A pickup code works once; collect before the date in the message.',
      ),
    ],
  },
  identification: ['idCard'],
  devices: ['lockers'],
  profiles: ['hall'],
  steps: [
    { id: 'identify', kind: 'identify', orCode: 'pickupCode' },
    { id: 'pickup', kind: 'lockerPickup' },
    {
      id: 'done',
      kind: 'done',
      messages: [{ text: t('已领取，请关好柜门。', 'Collected. Please close the door.') }],
    },
  ],
};

export const rating: ServiceDefinitionInput = {
  serviceId: 'rating',
  theme: 'hallServices',
  name: t('好差评', 'Rate a service'),
  summary: t('对已办理的事项进行评价', 'Rate a matter you have filed'),
  guide: {
    materials: [t('本人居民身份证，或受理凭条', 'Your ID card, or the filing receipt')],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [
      t(
        '《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）',
        'Opinions of the General Office of the State Council on the 好差评 system (Guo Ban Fa [2019] No. 51)',
      ),
      t(
        'GB/T 39734-2020《政务服务“一次一评”“一事一评”工作规范》',
        'GB/T 39734-2020, Specification for rating government services per visit and per item',
      ),
    ],
    notes: [
      t(
        '每个办件可评价一次；差评将由工作人员回访核实并整改。',
        'Each filing can be rated once; staff call back on every poor rating and put it right.',
      ),
    ],
  },
  identification: ['idCard'],
  devices: ['scanner'],
  profiles: ['hall'],
  steps: [
    { id: 'identify', kind: 'identify', orCode: 'receiptQr' },
    { id: 'filings', kind: 'lookup', query: 'progress', show: false },
    {
      id: 'filing',
      kind: 'choose',
      key: 'filing',
      prompt: t('请选择要评价的办件', 'Choose the filing to rate'),
      from: 'filings',
    },
    { id: 'rate', kind: 'rate', optional: false },
    { id: 'done', kind: 'done', messages: [{ text: t('感谢您的评价！', 'Thank you for your rating!') }] },
  ],
};

export const queueTicket: ServiceDefinitionInput = {
  serviceId: 'queue-ticket',
  theme: 'hallServices',
  name: t('取号', 'Queue ticket'),
  summary: t('选择办事窗口类别，打印排队号', 'Choose the counter you need and print a queue number'),
  guide: {
    materials: [],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [BUSINESS_ENVIRONMENT],
    notes: [t('过号请重新取号。', 'If your number has passed, take a new one.')],
  },
  identification: ['none'],
  devices: ['receiptPrinter'],
  profiles: ['hall'],
  steps: [
    {
      id: 'theme',
      kind: 'choose',
      key: 'theme',
      prompt: t('请选择办理事项类别', 'What do you need?'),
      options: [
        { value: 'socialAffairs', label: t('社会民生类', 'Social affairs') },
        { value: 'registration', label: t('注册登记类', 'Business registration') },
        { value: 'licensing', label: t('经营许可类', 'Business permits') },
        { value: 'construction', label: t('投资建设类', 'Investment and construction') },
        { value: 'publicSecurity', label: t('公安专项类', 'Public security') },
        { value: 'realEstate', label: t('不动产登记', 'Real estate registration') },
        { value: 'housingFund', label: t('公积金服务', 'Housing provident fund') },
      ],
    },
    { id: 'ticket', kind: 'queueTicket' },
    { id: 'print', kind: 'print', outputs: [{ doc: 'queueTicket' }] },
    {
      id: 'done',
      kind: 'done',
      messages: [{ text: t('请取走排队号，留意叫号屏。', 'Take your ticket and watch the calling screen.') }],
    },
  ],
};

export const appointmentCheckIn: ServiceDefinitionInput = {
  serviceId: 'appointment-check-in',
  theme: 'hallServices',
  name: t('预约签到', 'Appointment check-in'),
  summary: t('网上预约后，刷身份证签到取号', 'Booked online? Tap your ID card to check in and get a number'),
  guide: {
    materials: [t('预约人本人居民身份证', "The booker's own ID card")],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [ONLINE_SERVICE],
    notes: [
      t(
        '请在预约时段开始前30分钟至结束前签到；错过时段的预约失效。',
        'Check in from 30 minutes before your slot until it ends; a missed slot lapses.',
      ),
    ],
  },
  identification: ['idCard', 'qr'],
  devices: ['receiptPrinter'],
  profiles: ['hall'],
  steps: [
    { id: 'identify', kind: 'identify' },
    { id: 'appointments', kind: 'lookup', query: 'appointments', show: false },
    {
      id: 'appointment',
      kind: 'choose',
      key: 'appointment',
      prompt: t('请选择要签到的预约', 'Choose the appointment to check in'),
      from: 'appointments',
    },
    { id: 'checkIn', kind: 'checkIn' },
    { id: 'print', kind: 'print', outputs: [{ doc: 'checkInSlip' }] },
    {
      id: 'done',
      kind: 'done',
      messages: [
        {
          text: t(
            '签到成功，请取走凭条，留意叫号。',
            'Checked in. Take your slip and watch for your number.',
          ),
        },
      ],
    },
  ],
};

export const sampleForms: ServiceDefinitionInput = {
  serviceId: 'sample-forms',
  theme: 'hallServices',
  name: t('样表', 'Sample forms'),
  summary: t('查看事项填写样表，可打印空白表格', 'See how a form is filled in, and print a blank one'),
  guide: {
    materials: [],
    timeLimit: AT_ONCE,
    fees: FREE,
    legalBasis: [BUSINESS_ENVIRONMENT],
    notes: [],
  },
  identification: ['none'],
  devices: ['a4Printer'],
  profiles: ['hall'],
  steps: [
    {
      id: 'service',
      kind: 'choose',
      key: 'service',
      prompt: t('请选择事项', 'Choose a service'),
      from: 'formServices',
    },
    { id: 'sample', kind: 'sample' },
    { id: 'print', kind: 'print', outputs: [{ doc: 'blankForm' }], optional: true },
    { id: 'done', kind: 'done', messages: [{ text: t('完成。', 'Done.') }] },
  ],
};

/** Pages one session may copy: enough for an application's papers, not a print shop. */
export const COPY_PAGE_LIMIT = 10;

export const copy: ServiceDefinitionInput = {
  serviceId: 'copy',
  theme: 'hallServices',
  name: t('复印', 'Photocopy'),
  summary: t(
    `用高拍仪拍摄材料并在A4纸上打印，每次最多${COPY_PAGE_LIMIT}页`,
    `Copy papers on the document camera onto A4, up to ${COPY_PAGE_LIMIT} pages`,
  ),
  guide: {
    materials: [t('需复印的材料', 'The papers to copy')],
    timeLimit: AT_ONCE,
    fees: t('办事所需材料免费复印', 'Free for papers needed for a service'),
    legalBasis: [BUSINESS_ENVIRONMENT],
    notes: [
      t(
        '仅限复印办事所需材料；禁止复印涉密文件。复印完成后请取回原件。',
        'For papers needed for a service only; classified documents must not be copied. Take your originals back when done.',
      ),
    ],
  },
  identification: ['none'],
  devices: ['camera', 'a4Printer'],
  profiles: ['hall'],
  steps: [
    {
      id: 'pages',
      kind: 'capture',
      materials: [{ kind: 'copy', name: t('复印页', 'Pages to copy'), maxPages: COPY_PAGE_LIMIT }],
      pageLimit: COPY_PAGE_LIMIT,
    },
    { id: 'print', kind: 'print', outputs: [{ doc: 'copies' }] },
    {
      id: 'done',
      kind: 'done',
      messages: [
        { text: t('复印完成，请取走复印件和原件。', 'Done. Please take the copies and your originals.') },
      ],
    },
  ],
};
