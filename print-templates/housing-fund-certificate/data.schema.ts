import { z } from 'zod';
import { isoDateTime, issuer, money, person, text, verification, yearMonth } from '../_shared/schema';

const rate = z.number().min(0).max(0.12);

export const HousingFundCertificateData = z.object({
  documentNumber: text(40),
  issuedAt: isoDateTime,
  issuer,
  verification,
  holder: person,
  /** 个人公积金账号. */
  accountNumber: z.string().regex(/^\d{8,20}$/, '账号应为8-20位数字 / account number must be 8-20 digits'),
  employer: text(80),
  accountStatus: z.enum(['正常缴存', '封存', '销户']),
  openedIn: yearMonth,
  depositBase: money,
  unitRate: rate,
  personalRate: rate,
  /** Monthly amounts as booked by the fund centre (they round per their own rules). */
  unitMonthly: money,
  personalMonthly: money,
  paidThrough: yearMonth,
  balance: money,
  purpose: text(40).optional(),
});

export type HousingFundCertificate = z.output<typeof HousingFundCertificateData>;
