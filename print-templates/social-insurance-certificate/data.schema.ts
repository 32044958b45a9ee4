import { z } from 'zod';
import { isoDateTime, issuer, money, person, text, verification, yearMonth } from '../_shared/schema';

export const INSURANCE_TYPES = [
  '企业职工基本养老保险',
  '机关事业单位养老保险',
  '城乡居民基本养老保险',
  '职工基本医疗保险',
  '失业保险',
  '工伤保险',
] as const;

export const ContributionMonth = z.object({
  month: yearMonth,
  /** Contribution base in yuan. */
  base: money,
  unit: money,
  personal: money,
  paid: z.boolean(),
});

export const SocialInsuranceCertificateData = z
  .object({
    documentNumber: text(40),
    issuedAt: isoDateTime,
    issuer,
    verification,
    insured: person,
    insuranceType: z.enum(INSURANCE_TYPES),
    employer: text(80),
    insuredSince: yearMonth,
    status: z.enum(['参保缴费', '暂停缴费', '终止参保']),
    /** What the citizen needs it for, printed on the certificate (e.g. 子女入学). */
    purpose: text(40).optional(),
    months: z.array(ContributionMonth).min(1).max(600),
  })
  .superRefine((d, ctx) => {
    d.months.forEach((m, i) => {
      const prev = d.months[i - 1];
      if (prev && prev.month >= m.month) {
        ctx.addIssue({
          code: 'custom',
          path: ['months', i, 'month'],
          message: '缴费月份须按时间递增且不重复 / months must be ascending and unique',
        });
      }
    });
  });

export type SocialInsuranceCertificate = z.output<typeof SocialInsuranceCertificateData>;
