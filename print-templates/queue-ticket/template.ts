import { receipt } from '../../devices/escpos-printer';
import { formatDateTime } from '../../domain/time';
import {
  defineReceiptTemplate,
  queueNumber,
  rows,
  slipFooter,
  slipHeader,
  type Wording,
} from '../_shared/receipt';
import { QueueTicketData } from './data.schema';

const WORDING: Wording<'title' | 'theme' | 'counters' | 'issued' | 'ahead' | 'none' | 'listen'> = {
  'zh-CN': {
    title: '排队取号',
    theme: '业务类型',
    counters: '办理窗口',
    issued: '取号时间',
    ahead: '您前面还有 {n} 人等候',
    none: '前面无人等候，请留意叫号',
    listen: '请留意叫号屏和语音叫号，过号请重新取号。',
  },
  en: {
    title: 'Queue ticket',
    theme: 'Service',
    counters: 'Counters',
    issued: 'Issued',
    ahead: '{n} people ahead of you',
    none: 'Nobody ahead of you: watch the screen',
    listen: 'Watch the calling screen and listen for your number; a missed number needs a new ticket.',
  },
};

/** 取号: the queue number in large print, the counter theme and how many wait ahead. No personal data. */
export const queueTicket = defineReceiptTemplate({
  id: 'queue-ticket',
  name: '排队取号',
  paper: 'receipt',
  schema: QueueTicketData,
  build(d, ctx) {
    const w = WORDING[ctx.locale];
    return {
      blocks: [
        ...slipHeader(w.title, d),
        ...queueNumber(d.number),
        receipt.text(d.waitingAhead === 0 ? w.none : w.ahead.replace('{n}', String(d.waitingAhead)), {
          align: 'center',
          bold: true,
        }),
        receipt.rule(),
        ...rows([
          [w.theme, d.theme],
          [w.counters, d.counters],
          [w.issued, formatDateTime(d.issuedAt, ctx)],
        ]),
        ...slipFooter(d, ctx, [w.listen, ...(d.note ? [d.note] : [])]),
      ],
    };
  },
});
