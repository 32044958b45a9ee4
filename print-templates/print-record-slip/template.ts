import { receipt } from '../../devices/escpos-printer';
import { defineReceiptTemplate, rows, slipFooter, slipHeader, type Wording } from '../_shared/receipt';
import { PrintRecordSlipData } from './data.schema';

const WORDING: Wording<
  | 'title'
  | 'tracking'
  | 'state'
  | 'printed'
  | 'notPrinted'
  | 'pages'
  | 'code'
  | 'collect'
  | 'collectCode'
  | 'verify'
  | 'unprinted'
> = {
  'zh-CN': {
    title: '打印凭条',
    tracking: '办件编号',
    state: '状态',
    printed: '已打印',
    notPrinted: '未打印',
    pages: '页',
    code: '验证码',
    collect: '领取方式',
    collectCode: '领取码',
    verify: '文书可凭验证码在政务服务网核验真伪。',
    unprinted: '打印机故障，部分文书未能打印，请按上述方式领取，给您带来不便敬请谅解。',
  },
  en: {
    title: 'Print record',
    tracking: 'Tracking no.',
    state: 'State',
    printed: 'Printed',
    notPrinted: 'NOT printed',
    pages: 'p.',
    code: 'Code',
    collect: 'Collect at',
    collectCode: 'Pickup code',
    verify: 'Anyone can check a document online with its verification code.',
    unprinted: 'The printer failed: collect what did not print as shown above. We apologise.',
  },
};

/**
 * What the A4 printer gave the citizen in this session, each document with its verification code,
 * and where to collect anything the printer could not print (the paper-out fault path).
 */
export const printRecordSlip = defineReceiptTemplate({
  id: 'print-record-slip',
  name: '打印凭条',
  paper: 'receipt',
  schema: PrintRecordSlipData,
  build(d, ctx) {
    const w = WORDING[ctx.locale];
    const missing = d.documents.some((doc) => !doc.printed);
    return {
      blocks: [
        ...slipHeader(w.title, d),
        ...rows([[w.tracking, d.trackingNumber]]),
        ...d.documents.flatMap((doc, i) => [
          receipt.text(`${i + 1}. ${doc.name} (${doc.pages} ${w.pages})`, { bold: true }),
          ...rows([
            [w.state, doc.printed ? w.printed : `** ${w.notPrinted} **`],
            [w.code, doc.verificationCode],
          ]),
        ]),
        ...(d.collect
          ? [
              receipt.rule(),
              receipt.text(`${w.collect}: ${d.collect.where}`),
              ...rows([[w.collectCode, d.collect.code]]),
            ]
          : []),
        ...slipFooter(d, ctx, [missing ? w.unprinted : w.verify]),
      ],
    };
  },
});
