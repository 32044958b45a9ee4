import { receipt } from '../../devices/escpos-printer';
import { formatDateTime } from '../../domain/time';
import { defineReceiptTemplate, rows, slipFooter, slipHeader, type Wording } from '../_shared/receipt';
import { LockerSlipData } from './data.schema';

type Key =
  | 'depositTitle'
  | 'pickupTitle'
  | 'tracking'
  | 'service'
  | 'door'
  | 'depositAt'
  | 'pickupAt'
  | 'items'
  | 'depositNote'
  | 'pickupNote';

const WORDING: Wording<Key> = {
  'zh-CN': {
    depositTitle: '材料投递凭条',
    pickupTitle: '结果领取凭条',
    tracking: '办件编号',
    service: '办理事项',
    door: '柜门',
    depositAt: '投递时间',
    pickupAt: '领取时间',
    items: '物品',
    depositNote: '材料已存入智能柜，工作人员取件后将继续办理，可凭办件编号查询进度。',
    pickupNote: '办理结果已取出，请当面核对。如有疑问请到服务窗口咨询。',
  },
  en: {
    depositTitle: 'Deposit slip',
    pickupTitle: 'Collection slip',
    tracking: 'Tracking no.',
    service: 'Service',
    door: 'Locker door',
    depositAt: 'Deposited',
    pickupAt: 'Collected',
    items: 'Items',
    depositNote: 'Your papers are in the locker; staff will collect them and carry on with the filing.',
    pickupNote: 'You have collected your result. Please check it now; ask at a counter if anything is wrong.',
  },
};

/** 材料投递 / 结果领取: which door, which filing, when the door closed. Holds no name or ID number. */
export const lockerSlip = defineReceiptTemplate({
  id: 'locker-slip',
  name: '存取件凭条',
  paper: 'receipt',
  schema: LockerSlipData,
  build(d, ctx) {
    const w = WORDING[ctx.locale];
    const deposit = d.action === 'deposit';
    return {
      blocks: [
        ...slipHeader(deposit ? w.depositTitle : w.pickupTitle, d),
        ...rows([
          [w.tracking, d.trackingNumber],
          [w.service, d.serviceName],
          [w.door, d.door],
          [deposit ? w.depositAt : w.pickupAt, formatDateTime(d.closedAt, ctx)],
        ]),
        ...(d.items.length > 0
          ? [receipt.text(w.items, { bold: true }), ...d.items.map((i) => receipt.text(`· ${i}`))]
          : []),
        receipt.code128(d.trackingNumber),
        ...slipFooter(d, ctx, [deposit ? w.depositNote : w.pickupNote]),
      ],
    };
  },
});
