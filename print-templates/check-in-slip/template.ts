import { formatDate, formatDateTime, formatTime } from '../../domain/time';
import { maskName } from '../../domain/identity';
import {
  defineReceiptTemplate,
  queueNumber,
  rows,
  slipFooter,
  slipHeader,
  type Wording,
} from '../_shared/receipt';
import { CheckInSlipData } from './data.schema';

const WORDING: Wording<
  'title' | 'applicant' | 'service' | 'slot' | 'counters' | 'booking' | 'checkedIn' | 'onTime' | 'late'
> = {
  'zh-CN': {
    title: '预约签到',
    applicant: '预约人',
    service: '预约事项',
    slot: '预约时段',
    counters: '办理窗口',
    booking: '预约号',
    checkedIn: '签到时间',
    onTime: '签到成功，请到等候区留意叫号，预约号优先办理。',
    late: '您已超过预约时段，将在准时签到的预约之后叫号，请耐心等候。',
  },
  en: {
    title: 'Appointment check-in',
    applicant: 'Booked by',
    service: 'Service',
    slot: 'Time slot',
    counters: 'Counters',
    booking: 'Booking ref.',
    checkedIn: 'Checked in',
    onTime: 'You are checked in. Please wait for your number; appointments are called first.',
    late: 'You arrived after your slot: you will be called after the on-time appointments.',
  },
};

/** 预约签到: the queue number given to the appointment, the slot and where to wait. Name masked. */
export const checkInSlip = defineReceiptTemplate({
  id: 'check-in-slip',
  name: '预约签到凭条',
  paper: 'receipt',
  schema: CheckInSlipData,
  build(d, ctx) {
    const w = WORDING[ctx.locale];
    return {
      blocks: [
        ...slipHeader(w.title, d),
        ...queueNumber(d.number),
        ...rows([
          [w.applicant, maskName(d.applicant.name)],
          [w.service, d.serviceName],
          [
            w.slot,
            `${formatDate(d.slot.from, ctx)} ${formatTime(d.slot.from, ctx)}-${formatTime(d.slot.to, ctx)}`,
          ],
          [w.counters, d.counters],
          [w.booking, d.bookingReference],
          [w.checkedIn, formatDateTime(d.checkedInAt, ctx)],
        ]),
        ...slipFooter(d, ctx, [d.late ? w.late : w.onTime]),
      ],
    };
  },
});
