import { z } from 'zod';
import { isoDate, isoDateTime, issuer, person, text, verification } from '../_shared/schema';

export const Material = z.object({
  name: text(80),
  form: z.enum(['原件', '复印件', '电子件']),
  copies: z.number().int().min(1).max(99),
});

export const AcceptanceReceiptData = z.object({
  /** 办件编号 issued by the back office when the filing was accepted. */
  caseNumber: text(40),
  serviceName: text(80),
  department: text(60),
  applicant: person,
  /** Time of acceptance; also the document's creation date. */
  issuedAt: isoDateTime,
  /** 承诺办结日期. */
  promisedBy: isoDate,
  materials: z.array(Material).min(1).max(40),
  /** How to follow progress, e.g. 12345 热线或政务服务网. */
  progressHint: text(200),
  issuer,
  verification,
});

export type AcceptanceReceipt = z.output<typeof AcceptanceReceiptData>;
