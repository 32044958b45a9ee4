import { z } from 'zod';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check digit (ISO 7064 MOD 11-2) of an 18-character resident ID number. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** The 2017 foreign permanent residence ID card: three letters (country) and twelve digits. */
const FOREIGN_2017 = /^[A-Z]{3}\d{12}$/;

/**
 * An identity number the ID card reader decodes: the 18-character GB 11643 number of the resident
 * ID card, the HK/Macau/Taiwan residence permit and the 2023 foreign permanent residence card (all
 * with its check digit), or the 15-character 2017 foreign permanent residence card number.
 */
export const idNumber = z
  .string()
  .regex(
    /^\d{17}[\dX]$|^[A-Z]{3}\d{12}$/,
    '证件号码应为18位，或外国人永久居留证的15位 / expected 18 characters, or 15 for a 2017 foreign permanent residence card',
  )
  .refine(
    (v) => FOREIGN_2017.test(v) || idCheckDigit(v.slice(0, 17)) === v[17],
    '身份证号校验位错误 / ID number check digit is wrong',
  );

/** A timestamp with an explicit offset, so output never depends on the host time zone. */
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '年月格式应为 YYYY-MM / expected YYYY-MM');
export const money = z.number().nonnegative().finite();
export const text = (max: number) => z.string().trim().min(1).max(max);

/** Verification code issued by the back office, printed in 4-character groups and encoded in the QR. */
export const verification = z.object({
  code: z
    .string()
    .regex(
      /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/,
      '验证码格式应为 XXXX-XXXX-XXXX-XXXX / expected XXXX-XXXX-XXXX-XXXX',
    ),
  /** Page where anyone can check the document, e.g. https://zwfw.example.gov.cn/verify */
  url: z.url({ protocol: /^https$/ }),
});
export type Verification = z.infer<typeof verification>;

export const person = z.object({ name: text(40), idNumber });

export const issuer = z.object({
  name: text(60),
  /** Seal text printed in the round seal, usually the issuer name plus 业务专用章. */
  sealText: text(30).optional(),
});

/** Human-readable validation failure: one line per field path. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}
