/**
 * The answer each request effect must carry in `effect.done`. The engine checks it before using it:
 * an answer of the wrong shape (a provider's drift, a runner's bug) is a fault, not a broken view.
 */
import { z } from 'zod';
import { QueryResults, type QueryKind } from '../../domain/catalogue/queries';
import { Identity, type EffectType } from './model';

const Ticket = z.strictObject({
  number: z.string().min(1).max(20),
  waiting: z.int().min(0).max(10_000),
  counter: z.string().max(40).optional(),
});

const done = z.looseObject({});

const RESULTS: Partial<Record<EffectType, z.ZodType>> = {
  'device.readIdentity': Identity,
  'scanner.listen': z.strictObject({ value: z.string().min(1).max(200) }),
  'backoffice.submit': z.strictObject({
    localId: z.string().min(1).max(64),
    /** False while the filing waits in the kiosk's outbox (back office unreachable). */
    delivered: z.boolean(),
    trackingNumber: z.string().max(40).optional(),
    qrPayload: z.string().max(200).optional(),
  }),
  /** `review`: the rule did not pass, staff decide. */
  'backoffice.awaitResult': z.strictObject({ decision: z.enum(['approved', 'review']) }),
  'backoffice.queueTicket': Ticket,
  'backoffice.checkIn': Ticket,
  'backoffice.rate': done,
  'locker.open': z.strictObject({ door: z.string().min(1).max(20) }),
  'locker.commit': done,
  'print.receipt': done,
  'print.a4': done,
};

/** The checked answer, or undefined when it does not have the shape its request promises. */
export function checkResult(type: EffectType, result: unknown, query?: QueryKind): unknown {
  const schema = type === 'backoffice.query' && query ? QueryResults[query] : RESULTS[type];
  if (!schema) return undefined;
  const parsed = schema.safeParse(result);
  return parsed.success ? parsed.data : undefined;
}

export type TicketResult = z.infer<typeof Ticket>;
