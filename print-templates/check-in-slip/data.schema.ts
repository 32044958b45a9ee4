import { z } from 'zod';
import { slipBase } from '../_shared/receipt';
import { isoDateTime, text } from '../_shared/schema';

export const CheckInSlipData = z
  .object({
    ...slipBase,
    applicant: z.object({ name: text(40) }),
    serviceName: text(60),
    /** The booked time slot. */
    slot: z.object({ from: isoDateTime, to: isoDateTime }),
    /** The number the queue gives an appointment (served before walk-ins), e.g. Y005. */
    number: z.string().regex(/^[A-Z]{0,2}\d{1,4}$/, '排队号格式应为字母加数字，如 Y005 / expected e.g. Y005'),
    counters: text(40),
    checkedInAt: isoDateTime,
    /** Arrived after the slot began (the hall may still serve, after the on-time appointments). */
    late: z.boolean().default(false),
    /** 预约号 of the online booking. */
    bookingReference: text(40),
  })
  .refine((d) => Date.parse(d.slot.from) < Date.parse(d.slot.to), {
    path: ['slot', 'to'],
    message: '预约时段结束时间须晚于开始时间 / the slot must end after it begins',
  });

export type CheckInSlip = z.output<typeof CheckInSlipData>;
