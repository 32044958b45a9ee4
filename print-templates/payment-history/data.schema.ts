import { z } from 'zod';
import { isoDateTime, issuer, person, text, verification, yearMonth } from '../_shared/schema';
import { ContributionMonth } from '../social-insurance-certificate/data.schema';

/** The five insurances of a 参保缴费记录, in the order the statement lists them. */
export const INSURANCES = ['养老保险', '医疗保险', '失业保险', '工伤保险', '生育保险'] as const;

/** A month of one insurance: the certificate's contribution month, for each insurance. */
export const PaymentRecord = ContributionMonth.extend({ insurance: z.enum(INSURANCES) });

export const PaymentHistoryData = z
  .object({
    documentNumber: text(40),
    issuedAt: isoDateTime,
    issuer,
    verification,
    insured: person,
    /** 参保地, e.g. 北京市朝阳区. */
    insuredIn: text(30),
    employer: text(80),
    /** The months asked for; every record lies within. */
    period: z.object({ from: yearMonth, to: yearMonth }),
    records: z.array(PaymentRecord).max(5 * 12 * 30),
  })
  .superRefine((d, ctx) => {
    if (d.period.from > d.period.to)
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'to'],
        message: '结束年月早于开始年月 / period ends before it starts',
      });
    const seen = new Set<string>();
    d.records.forEach((r, i) => {
      if (r.month < d.period.from || r.month > d.period.to)
        ctx.addIssue({
          code: 'custom',
          path: ['records', i, 'month'],
          message: '记录年月不在查询区间内 / month outside the period',
        });
      const key = `${r.month}/${r.insurance}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['records', i],
          message: '同一月份同一险种重复 / the same month and insurance twice',
        });
      seen.add(key);
    });
  });

export type PaymentHistory = z.output<typeof PaymentHistoryData>;
