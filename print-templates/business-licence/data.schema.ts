import { z } from 'zod';
import { isoDate, isoDateTime, issuer, text, verification } from '../_shared/schema';

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character of an 18-character unified social credit code (统一社会信用代码). */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_ALPHABET.indexOf(first17[i]!) * CODE_WEIGHTS[i]!;
  return CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export const creditCode = z
  .string()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为18位 / a credit code has 18 characters')
  .refine(
    (v) => creditCodeCheck(v.slice(0, 17)) === v[17],
    '统一社会信用代码校验位错误 / credit code check character is wrong',
  );

/** 个体工商户营业执照, as the registration authority issues it when a 秒批 filing is approved. */
export const BusinessLicenceData = z.object({
  creditCode,
  /** 字号名称 as registered (businessName of the filing). */
  name: text(60),
  /** 经营者: the applicant. */
  operator: text(40),
  ownerType: z.enum(['naturalPerson', 'family']),
  /** 经营场所 */
  address: text(200),
  businessScope: z.array(text(40)).min(1).max(20),
  /** 资金数额, yuan, when declared. */
  capitalYuan: z.number().int().nonnegative().max(1_000_000_000).optional(),
  registeredOn: isoDate,
  /** 正本 hangs in the shop; 副本 is for business use. */
  copy: z.enum(['original', 'duplicate']),
  /** The registration authority (登记机关) and its seal; issuedAt is the date it is signed. */
  issuer,
  issuedAt: isoDateTime,
  verification,
});

export type BusinessLicence = z.output<typeof BusinessLicenceData>;
