/** 居住证申领: filed with a photo and papers (photographed here, or dropped in a locker); the card is collected later from a locker. */
import { t } from '../../text';
import type { ServiceDefinitionInput } from '../service';
import { SAVED_FOR_LATER } from './common';

export const residencePermit: ServiceDefinitionInput = {
  serviceId: 'residence-permit',
  theme: 'publicSecurity',
  name: t('居住证申领', 'Residence permit application'),
  summary: t(
    '离开户籍地在本市居住半年以上的，可申领居住证；制证后到自助柜领取',
    'For those living here for six months or more away from their hukou; the card is collected from a locker',
  ),
  guide: {
    materials: [
      t('本人居民身份证', 'Your resident ID card'),
      t('近期免冠照片，在本机拍摄', 'A recent photo without headwear, taken here'),
      t(
        '居住地住址证明：房屋租赁合同、房屋产权证明或单位、学校出具的住宿证明',
        'Proof of address: a lease, a title certificate, or a housing letter from your employer or school',
      ),
      t(
        '就业或就读证明之一：劳动合同、营业执照或学生证等',
        'Proof of work or study: an employment contract, a business licence, a student card…',
      ),
    ],
    timeLimit: t('受理之日起15日内制发', 'Issued within 15 days of filing'),
    fees: t('首次申领不收费', 'Free for a first application'),
    legalBasis: [
      t(
        '《居住证暂行条例》（国务院令第663号）',
        'Interim Regulations on Residence Permits (State Council Order No. 663)',
      ),
    ],
    notes: [
      t(
        '须已办理居住登记满半年，并符合合法稳定就业、合法稳定住所、连续就读条件之一。',
        'You must have registered your residence six months ago or more, and have a stable job, a stable home, or be studying here.',
      ),
      t(
        '制证完成后短信通知，凭本人身份证或取件码到自助柜领取。',
        'You will get a text message when the card is ready; collect it from a locker with your ID card or the pickup code.',
      ),
    ],
  },
  identification: ['idCard'],
  devices: ['camera', 'lockers', 'receiptPrinter'],
  profiles: ['hall'],
  form: {
    fields: [
      { name: 'name', kind: 'text', label: t('姓名', 'Name'), prefill: 'name', maxLength: 40 },
      {
        name: 'idNumber',
        kind: 'idNumber',
        label: t('公民身份号码', 'ID number'),
        prefill: 'idNumber',
        kinds: ['resident'],
      },
      {
        name: 'gender',
        kind: 'choice',
        label: t('性别', 'Sex'),
        prefill: 'gender',
        locked: true,
        options: [
          { value: 'male', label: t('男', 'Male') },
          { value: 'female', label: t('女', 'Female') },
        ],
      },
      {
        name: 'birthDate',
        kind: 'date',
        label: t('出生日期', 'Date of birth'),
        prefill: 'birth',
        locked: true,
      },
      { name: 'hukouAddress', kind: 'address', label: t('户籍地址', 'Hukou address'), prefill: 'address' },
      { name: 'residenceAddress', kind: 'address', label: t('居住地址', 'Address here') },
      { name: 'residenceSince', kind: 'date', label: t('居住登记日期', 'Residence registered on') },
      {
        name: 'basis',
        kind: 'choice',
        label: t('申领条件', 'Qualifying condition'),
        options: [
          { value: 'employment', label: t('合法稳定就业', 'Stable employment') },
          { value: 'housing', label: t('合法稳定住所', 'Stable home') },
          { value: 'study', label: t('连续就读', 'Studying here') },
        ],
      },
      {
        name: 'employerOrSchool',
        kind: 'text',
        label: t('工作单位或学校', 'Employer or school'),
        required: false,
      },
      { name: 'phone', kind: 'phone', label: t('联系电话', 'Contact phone') },
    ],
  },
  sampleForm: {
    name: '张晓明',
    idNumber: '110105200001011238',
    gender: 'male',
    birthDate: '2000-01-01',
    hukouAddress: '北京市东城区东四北大街100号',
    residenceAddress: '广东省汕头市龙湖区长平路88号3栋502房',
    residenceSince: '2025-03-01',
    basis: 'employment',
    employerOrSchool: '汕头市晓明科技有限公司',
    phone: '13800138000',
  },
  resultTemplate: 'genericNotice',
  steps: [
    { id: 'guide', kind: 'guide' },
    { id: 'identify', kind: 'identify' },
    { id: 'form', kind: 'form' },
    {
      id: 'photo',
      kind: 'capture',
      materials: [
        {
          kind: 'photo',
          name: t('本人近期免冠照片', 'Your recent photo'),
          hint: t('请摘下帽子，正对镜头', 'Please take off any hat and face the camera'),
          maxPages: 1,
        },
      ],
    },
    {
      id: 'paperBy',
      kind: 'choose',
      key: 'paperBy',
      prompt: t('纸质证明材料如何提交？', 'How will you hand in the paper proofs?'),
      options: [
        { value: 'camera', label: t('在本机逐页拍摄', 'Photograph them here, page by page') },
        {
          value: 'locker',
          label: t('投入自助柜，由工作人员取走核验', 'Put them in a locker for staff to check'),
        },
      ],
    },
    {
      id: 'papers',
      kind: 'capture',
      when: { path: 'choice.paperBy', eq: 'camera' },
      materials: [
        { kind: 'residenceProof', name: t('居住地住址证明', 'Proof of address'), maxPages: 10 },
        { kind: 'employmentOrStudyProof', name: t('就业或就读证明', 'Proof of work or study'), maxPages: 10 },
      ],
    },
    { id: 'confirm', kind: 'confirm' },
    { id: 'submit', kind: 'submit', delivery: 'locker' },
    { id: 'deposit', kind: 'lockerDeposit', when: { path: 'choice.paperBy', eq: 'locker' } },
    { id: 'print', kind: 'print', outputs: [{ doc: 'acceptanceSlip' }] },
    { id: 'rate', kind: 'rate' },
    {
      id: 'done',
      kind: 'done',
      messages: [
        SAVED_FOR_LATER,
        {
          text: t(
            '申请已受理，15日内制证。证件制好后短信通知，请凭身份证或取件码到自助柜领取。',
            'Your application is filed; the card will be made within 15 days. When you get the text message, collect it from a locker with your ID card or pickup code.',
          ),
        },
      ],
    },
  ],
};
