/**
 * Two slips the receipt templates of print-templates/ do not cover, built with the same blocks and
 * checked the same way (`renderReceipt` validates the data first):
 * - 参保缴费记录 on the receipt printer: the bank STM has no A4 printer, so the payment history a
 *   customer asks for comes out as a slip, month by month (the A4 `payment-history` is the hall's);
 * - 申请已保存 for a filing the back office has not received yet (the network is down): it has no
 *   tracking number or progress QR yet, so the filing receipt cannot be printed; this slip says the
 *   application is safe on the terminal and will be sent, with the terminal's reference for staff.
 */
import { z } from 'zod';
import { receipt } from '../../devices/escpos-printer';
import { maskIdNumber, maskName } from '../../domain/identity';
import { formatDateTime, formatYearMonth } from '../../domain/time';
import { formatMoney } from '../../print-templates/_shared/format';
import {
  defineReceiptTemplate,
  rows,
  slipBase,
  slipFooter,
  slipHeader,
  type Wording,
} from '../../print-templates/_shared/receipt';
import { idNumber, isoDateTime, text, yearMonth } from '../../print-templates/_shared/schema';

const PaymentHistorySlipData = z.object({
  ...slipBase,
  holder: z.object({ name: text(40), idNumber }),
  /** Per month, all insurances together (what the person and the employer paid). */
  months: z
    .array(
      z.object({
        month: yearMonth,
        personal: z.number().nonnegative(),
        unit: z.number().nonnegative(),
        paid: z.boolean(),
      }),
    )
    .min(1)
    .max(120),
});

const PAYMENT_WORDING: Wording<'title' | 'holder' | 'idNumber' | 'month' | 'amounts' | 'unpaid' | 'note'> = {
  'zh-CN': {
    title: '参保缴费记录',
    holder: '姓名',
    idNumber: '证件号码',
    month: '缴费月份',
    amounts: '个人/单位（元）',
    unpaid: '欠缴',
    note: '本凭条仅供查询参考，不作证明使用。',
  },
  en: {
    title: 'Contribution record',
    holder: 'Name',
    idNumber: 'ID number',
    month: 'Month',
    amounts: 'Personal/employer (CNY)',
    unpaid: 'unpaid',
    note: 'For reference only, not a certificate.',
  },
};

export const paymentHistorySlip = defineReceiptTemplate({
  id: 'payment-history-slip',
  name: '参保缴费记录（凭条）',
  paper: 'receipt',
  schema: PaymentHistorySlipData,
  build(d, ctx) {
    const w = PAYMENT_WORDING[ctx.locale];
    return {
      blocks: [
        ...slipHeader(w.title, d),
        ...rows([
          [w.holder, maskName(d.holder.name)],
          [w.idNumber, maskIdNumber(d.holder.idNumber)],
        ]),
        receipt.rule(),
        receipt.keyValue(w.month, w.amounts),
        ...d.months.map((m) =>
          receipt.keyValue(
            formatYearMonth(m.month, ctx),
            m.paid ? `${formatMoney(m.personal)}/${formatMoney(m.unit)}` : w.unpaid,
          ),
        ),
        ...slipFooter(d, ctx, [w.note]),
      ],
    };
  },
});

const SavedFilingSlipData = z.object({
  ...slipBase,
  serviceName: text(60),
  applicant: z.object({ name: text(40), idNumber }),
  savedAt: isoDateTime,
  /** The terminal's short reference of the filing (the start of its outbox entry's id), for staff. */
  reference: z.string().regex(/^[0-9A-Z]{4,12}(-\d{1,3})?$/),
});

const SAVED_WORDING: Wording<
  'title' | 'service' | 'applicant' | 'idNumber' | 'savedAt' | 'reference' | 'note'
> = {
  'zh-CN': {
    title: '申请已保存',
    service: '事项',
    applicant: '申请人',
    idNumber: '证件号码',
    savedAt: '保存时间',
    reference: '终端编号',
    note: '申请已安全保存在本机，网络恢复后自动提交；受理编号将以短信通知。如有疑问请凭本凭条咨询窗口。',
  },
  en: {
    title: 'Application saved',
    service: 'Service',
    applicant: 'Applicant',
    idNumber: 'ID number',
    savedAt: 'Saved',
    reference: 'Terminal ref.',
    note: 'Your application is safe on this terminal and will be sent when the network is back; the tracking number comes by text message. Ask at a counter with this slip.',
  },
};

export const savedFilingSlip = defineReceiptTemplate({
  id: 'saved-filing-slip',
  name: '申请已保存（凭条）',
  paper: 'receipt',
  schema: SavedFilingSlipData,
  build(d, ctx) {
    const w = SAVED_WORDING[ctx.locale];
    return {
      blocks: [
        ...slipHeader(w.title, d),
        ...rows([
          [w.service, d.serviceName],
          [w.applicant, maskName(d.applicant.name)],
          [w.idNumber, maskIdNumber(d.applicant.idNumber)],
          [w.savedAt, formatDateTime(d.savedAt, ctx)],
          [w.reference, d.reference],
        ]),
        ...slipFooter(d, ctx, [w.note]),
      ],
    };
  },
});
