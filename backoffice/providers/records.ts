import { z } from 'zod';
import { isValidIdNumber, normalizeIdNumber } from '../../domain/identity';

// Records the hall does not own, as every citizen-data provider returns them (the simulated one,
// the HTTP adapter for a city's systems) and as kiosks receive them. One set of schemas: the HTTP
// adapter validates what a city's system answers with these, the routes document them.
// Money is in fen (分, integer hundredths of a yuan), so no amount is ever rounded on the way.

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const isoDate = z.iso.date();
const fen = z.number().int().nonnegative();

/** The five social insurances (五险): 养老, 医疗, 失业, 工伤, 生育. */
export const INSURANCE_KINDS = ['pension', 'medical', 'unemployment', 'injury', 'maternity'] as const;

/** 参保缴费记录: one insurance for one month (费款所属期) at one employer (参保单位). */
export const socialInsuranceMonth = z.object({
  month,
  insurance: z.enum(INSURANCE_KINDS),
  unitName: z.string().min(1).max(100).describe('参保单位'),
  baseFen: fen.describe('缴费基数'),
  unitFen: fen.describe('单位缴纳'),
  personalFen: fen.describe('个人缴纳'),
  paid: z.boolean().describe('false: 欠缴 (due, not received)'),
});

export const socialInsuranceRecords = z.object({
  /** none: this person has never been insured here (a valid answer, not an error). */
  status: z.enum(['active', 'suspended', 'retired', 'none']).describe('参保状态'),
  firstMonth: month.optional().describe('首次参保年月'),
  months: z.array(socialInsuranceMonth).max(5 * 12 * 40),
});

/** 医保个人账户. */
export const medicalAccount = z.object({
  insuredType: z.enum(['employee', 'resident']).describe('职工医保 / 居民医保'),
  status: z.enum(['normal', 'suspended']),
  balanceFen: fen,
  lastCreditFen: fen.optional().describe('最近一次划入金额'),
  lastCreditMonth: month.optional(),
  asOf: isoDate,
});
export const medicalAccountReply = z.object({ account: medicalAccount.nullable() });

/** 住房公积金账户, with what a 缴存证明 states. */
export const housingFundAccount = z.object({
  accountNumber: z.string().min(4).max(40).describe('个人公积金账号'),
  unitName: z.string().min(1).max(100).describe('缴存单位'),
  status: z.enum(['normal', 'sealed', 'closed']).describe('正常缴存 / 封存 / 销户'),
  openedOn: isoDate.describe('开户日期'),
  balanceFen: fen,
  baseFen: fen.describe('缴存基数'),
  unitRatePct: z.number().min(0).max(20).describe('单位缴存比例 %'),
  personalRatePct: z.number().min(0).max(20).describe('个人缴存比例 %'),
  monthlyFen: fen.describe('月缴存额 (unit + personal)'),
  paidUpTo: month.optional().describe('缴至年月'),
  asOf: isoDate,
});
export const housingFundDeposit = z.object({
  month,
  unitFen: fen,
  personalFen: fen,
  paid: z.boolean(),
});
export const housingFundReply = z.object({
  account: housingFundAccount.nullable(),
  deposits: z.array(housingFundDeposit).max(120).describe('the last months, oldest first (缴存明细)'),
});

/** 不动产登记信息: one registered unit and its rights. */
export const realEstateRegistration = z.object({
  unitNumber: z.string().min(1).max(40).describe('不动产单元号'),
  certificateNumber: z.string().min(1).max(60).describe('不动产权证书号'),
  location: z.string().min(1).max(200).describe('坐落'),
  usage: z.string().min(1).max(40).describe('用途'),
  areaM2: z.number().nonnegative().describe('建筑面积 m²'),
  rightType: z.string().min(1).max(80).describe('权利类型'),
  holders: z.array(z.string().min(1).max(40)).min(1).max(20).describe('权利人'),
  shareType: z.enum(['sole', 'joint', 'shares']).describe('单独所有 / 共同共有 / 按份共有'),
  registeredOn: isoDate,
  mortgaged: z.boolean().describe('抵押'),
  seized: z.boolean().describe('查封'),
});
export const realEstateReply = z.object({ registrations: z.array(realEstateRegistration).max(100) });

/** An appointment made online (网上预约) for a counter of this hall. */
export const appointment = z.object({
  appointmentId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/),
  serviceName: z.string().min(1).max(100),
  theme: z.string().min(1).max(40).describe('the counter theme of the queue (取号主题)'),
  date: isoDate,
  slotStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  slotEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  status: z.enum(['booked', 'checkedIn', 'cancelled']),
});
export const appointmentsReply = z.object({ appointments: z.array(appointment).max(50) });

export type SocialInsuranceRecords = z.output<typeof socialInsuranceRecords>;
export type SocialInsuranceMonth = z.output<typeof socialInsuranceMonth>;
export type MedicalAccount = z.output<typeof medicalAccount>;
export type HousingFund = z.output<typeof housingFundReply>;
export type RealEstateRegistration = z.output<typeof realEstateRegistration>;
export type Appointment = z.output<typeof appointment>;

/** Whom a 一码办 code stands for: what an identity needs, nothing more (no phone, no address). */
export const codeHolder = z.object({
  idNumber: z
    .string()
    .max(24)
    .transform(normalizeIdNumber)
    .refine((id) => isValidIdNumber(id), 'not a valid ID number'),
  name: z.string().min(1).max(40),
});
