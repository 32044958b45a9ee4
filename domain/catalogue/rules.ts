/**
 * Instant-approval (秒批) rules are data: declarative conditions over the submission
 * ({applicant, form}), all of which must hold. The back office evaluates them
 * (backoffice/domain/rules.ts); a service carries its rule here, so adding a service means adding
 * data, not code.
 */
import { z } from 'zod';

const path = z.string().regex(/^(applicant|form)\.[A-Za-z0-9.]+$/);

export const Condition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('validIdNumber'), path }),
  z.strictObject({ kind: z.literal('minAge'), path, years: z.int().min(0).max(150) }),
  z.strictObject({ kind: z.literal('equals'), path, value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ kind: z.literal('oneOf'), path, allowed: z.array(z.string()).min(1).readonly() }),
  z.strictObject({ kind: z.literal('subsetOf'), path, allowed: z.array(z.string()).min(1).readonly() }),
  z.strictObject({ kind: z.literal('nonEmpty'), path }),
  z.strictObject({ kind: z.literal('noElicence'), idPath: path, licenceType: z.string().min(1) }),
]);
export type Condition = z.infer<typeof Condition>;

export const InstantRule = z.strictObject({
  /** Shown on the result document and in the audit log. */
  description: z.string().min(1).max(200),
  conditions: z.array(Condition).min(1).readonly(),
});
export type InstantRule = z.infer<typeof InstantRule>;

/** The licence a sole proprietor registration issues (the noElicence condition looks for it). */
export const INDIVIDUAL_BUSINESS_LICENCE = '个体工商户营业执照';
