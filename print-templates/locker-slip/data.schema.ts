import { z } from 'zod';
import { slipBase } from '../_shared/receipt';
import { isoDateTime, text } from '../_shared/schema';

export const LockerSlipData = z.object({
  ...slipBase,
  /** deposit: papers put in for a filing (材料投递); pickup: a result taken out (结果领取). */
  action: z.enum(['deposit', 'pickup']),
  trackingNumber: text(40),
  serviceName: text(60).optional(),
  /** The door as the cabinet is labelled, e.g. A柜 12号. */
  door: text(20),
  /** When the door was seen closed again: the moment the deposit or pickup is done. */
  closedAt: isoDateTime,
  /** What went in or came out, e.g. 户口簿复印件 1 份. */
  items: z.array(text(60)).max(10).default([]),
});

export type LockerSlip = z.output<typeof LockerSlipData>;
