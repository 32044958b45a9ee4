import { z } from 'zod';
import { slipBase } from '../_shared/receipt';
import { idNumber, isoDateTime, money, text, yearMonth } from '../_shared/schema';

const holder = z.object({ name: text(40), idNumber });

/** 医保个人账户余额 */
const MedicalInsurance = z.object({
  account: z.literal('medicalInsurance'),
  holder,
  /** 职工基本医疗保险 / 城乡居民基本医疗保险 */
  scheme: text(30),
  /** 参保地, e.g. 北京市朝阳区. */
  insuredIn: text(30),
  balance: money,
  /** Paid from the personal account since 1 January. */
  spentThisYear: money.optional(),
  asOf: isoDateTime,
});

/** 住房公积金余额 */
const HousingFund = z.object({
  account: z.literal('housingFund'),
  holder,
  accountNumber: z.string().regex(/^\d{8,20}$/, '账号应为8-20位数字 / account number must be 8-20 digits'),
  status: z.enum(['正常缴存', '封存', '销户']),
  balance: money,
  monthlyDeposit: money,
  paidThrough: yearMonth,
  asOf: isoDateTime,
});

export const BalanceSlipData = z.discriminatedUnion('account', [
  MedicalInsurance.extend(slipBase),
  HousingFund.extend(slipBase),
]);

export type BalanceSlip = z.output<typeof BalanceSlipData>;
