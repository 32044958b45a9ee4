import { z } from 'zod';
import { checkIdNumber, type IdNumberProblem } from '../../domain/identity';

const ID_PROBLEMS: Record<IdNumberProblem, string> = {
  format:
    '证件号码应为18位，或外国人永久居留证的15位 / expected 18 characters, or 15 for a 2017 foreign permanent residence card',
  checkDigit: '身份证号校验位错误 / ID number check digit is wrong',
  birthDate: '证件号码中的出生日期无效 / the birth date in the ID number is not a real date',
  kindMismatch: '证件类型不符 / not the expected kind of ID number',
};

/**
 * An identity number the ID card reader decodes (resident ID, HK/Macau/Taiwan residence permit,
 * both foreign permanent residence card editions), checked by domain/identity.
 */
export const idNumber = z.string().superRefine((v, ctx) => {
  const problem = checkIdNumber(v);
  if (problem) ctx.addIssue({ code: 'custom', message: ID_PROBLEMS[problem] });
});

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
