import { receipt } from '../../devices/escpos-printer';
import { formatCalendarDate, formatDateTime } from '../../domain/time';
import { maskIdNumber, maskName } from '../../domain/identity';
import { defineReceiptTemplate, rows, slipFooter, slipHeader, type Wording } from '../_shared/receipt';
import { FilingReceiptData, type DELIVERY_METHODS } from './data.schema';

type Delivery = (typeof DELIVERY_METHODS)[number];

const WORDING: Wording<
  | 'title'
  | 'service'
  | 'tracking'
  | 'applicant'
  | 'idNumber'
  | 'submitted'
  | 'promised'
  | 'delivery'
  | 'materials'
  | 'pieces'
  | 'scan'
  | 'keep'
  | 'hotline'
  | Delivery
> = {
  'zh-CN': {
    title: '受理回执',
    service: '办理事项',
    tracking: '办件编号',
    applicant: '申请人',
    idNumber: '证件号码',
    submitted: '提交时间',
    promised: '承诺办结',
    delivery: '领取方式',
    materials: '提交材料',
    pieces: '份',
    scan: '扫码查询办理进度',
    keep: '请妥善保管本回执，凭办件编号查询进度、领取办理结果。',
    hotline: '咨询电话',
    print: '自助终端打印',
    locker: '智能柜领取',
    post: '邮寄送达',
    counter: '窗口领取',
  },
  en: {
    title: 'Filing receipt',
    service: 'Service',
    tracking: 'Tracking no.',
    applicant: 'Applicant',
    idNumber: 'ID number',
    submitted: 'Submitted',
    promised: 'Due by',
    delivery: 'Collection',
    materials: 'Materials',
    pieces: 'item(s)',
    scan: 'Scan to follow progress',
    keep: 'Keep this receipt: quote the tracking number to follow progress and to collect the result.',
    hotline: 'Hotline',
    print: 'Print at a kiosk',
    locker: 'Smart locker',
    post: 'By post',
    counter: 'At the counter',
  },
};

/**
 * 受理回执 (thermal slip): proof that a filing is safe in the kiosk's outbox, with the tracking number
 * and the progress QR. Name and ID number are masked: a slip left in the tray must not expose them.
 */
export const filingReceipt = defineReceiptTemplate({
  id: 'filing-receipt',
  name: '受理回执（凭条）',
  paper: 'receipt',
  schema: FilingReceiptData,
  build(d, ctx) {
    const w = WORDING[ctx.locale];
    return {
      blocks: [
        ...slipHeader(w.title, d),
        ...rows([
          [w.service, d.serviceName],
          [w.applicant, maskName(d.applicant.name)],
          [w.idNumber, maskIdNumber(d.applicant.idNumber)],
          [w.submitted, formatDateTime(d.submittedAt, ctx)],
          [w.promised, d.promisedBy && formatCalendarDate(d.promisedBy, ctx)],
          [w.delivery, d.delivery && w[d.delivery]],
          [w.materials, d.materials === undefined ? undefined : `${d.materials} ${w.pieces}`],
        ]),
        receipt.text(w.tracking, { align: 'center' }),
        receipt.text(d.trackingNumber, { align: 'center', bold: true, doubleHeight: true }),
        receipt.rule(),
        receipt.text(w.scan, { align: 'center' }),
        receipt.qr(d.qrPayload, 6),
        ...slipFooter(d, ctx, [w.keep, ...(d.hotline ? [`${w.hotline} ${d.hotline}`] : [])]),
      ],
    };
  },
});
