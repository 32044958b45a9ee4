import { z } from 'zod';
import { slipBase } from '../_shared/receipt';
import { isoDateTime, text } from '../_shared/schema';

export const QueueTicketData = z.object({
  ...slipBase,
  /** The number the back office's queue issued, e.g. A023. */
  number: z.string().regex(/^[A-Z]{0,2}\d{1,4}$/, '排队号格式应为字母加数字，如 A023 / expected e.g. A023'),
  /** The counter theme (社保业务, 不动产登记 …) and where it is served. */
  theme: text(30),
  counters: text(40).optional(),
  /** People waiting ahead when the ticket was issued. */
  waitingAhead: z.number().int().min(0).max(9999),
  issuedAt: isoDateTime,
  /** The hall's own note, e.g. 过号请重新取号. */
  note: text(120).optional(),
});

export type QueueTicket = z.output<typeof QueueTicketData>;
