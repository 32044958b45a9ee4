/**
 * 综合申请: a matter with no form of its own, filed with a subject and the papers, for staff to
 * handle (一窗受理). Its form is open: filings from counters and older kiosks carry extra keys.
 * Not in the shipped kiosk catalogues; a site may enable it.
 */
import { t } from '../../text';
import type { ServiceDefinitionInput } from '../service';
import { SAVED_FOR_LATER } from './common';

export const genericApplication: ServiceDefinitionInput = {
  serviceId: 'generic-application',
  theme: 'socialAffairs',
  name: t('综合申请', 'General application'),
  summary: t(
    '其他事项：说明申请内容并提交材料，由工作人员受理',
    'Any other matter: say what you apply for and hand in the papers; staff take it up',
  ),
  guide: {
    materials: [
      t('本人居民身份证', 'Your resident ID card'),
      t('与申请事项相关的材料', 'The papers your matter needs'),
    ],
    timeLimit: t('按所申请事项的法定时限办结', 'Within the legal time limit of the matter applied for'),
    fees: t('按所申请事项的规定', 'As the matter applied for provides'),
    legalBasis: [
      t(
        '《优化营商环境条例》（国务院令第722号）',
        'Regulations on Optimising the Business Environment (State Council Order No. 722)',
      ),
    ],
    notes: [],
  },
  identification: ['idCard', 'qr'],
  devices: ['camera', 'receiptPrinter'],
  profiles: ['hall'],
  form: {
    open: true,
    fields: [
      { name: 'subject', kind: 'text', label: t('申请事项', 'Matter applied for'), maxLength: 100 },
      { name: 'purpose', kind: 'text', label: t('用途', 'Purpose'), required: false, maxLength: 100 },
      { name: 'phone', kind: 'phone', label: t('联系电话', 'Contact phone'), required: false },
    ],
  },
  sampleForm: { subject: '申请开具无犯罪记录证明', purpose: '就业', phone: '13800138000' },
  resultTemplate: 'genericNotice',
  steps: [
    { id: 'guide', kind: 'guide' },
    { id: 'identify', kind: 'identify' },
    { id: 'form', kind: 'form' },
    {
      id: 'materials',
      kind: 'capture',
      materials: [
        { kind: 'supporting', name: t('申请材料', 'Supporting papers'), required: false, maxPages: 20 },
      ],
    },
    {
      id: 'delivery',
      kind: 'choose',
      key: 'delivery',
      prompt: t('办理结果如何领取？', 'How will you collect the result?'),
      options: [
        { value: 'locker', label: t('自助柜领取（24小时）', 'From a locker (24 hours)') },
        { value: 'print', label: t('到本机打印', 'Print it at a terminal') },
      ],
    },
    { id: 'confirm', kind: 'confirm' },
    { id: 'submit', kind: 'submit', delivery: 'choice' },
    { id: 'print', kind: 'print', outputs: [{ doc: 'acceptanceSlip' }] },
    { id: 'rate', kind: 'rate' },
    {
      id: 'done',
      kind: 'done',
      messages: [
        SAVED_FOR_LATER,
        { text: t('申请已受理，请保管好受理凭条。', 'Your application is filed. Please keep the receipt.') },
      ],
    },
  ],
};
