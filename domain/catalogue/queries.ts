/**
 * Look-ups a journey makes through the back office, and the shape of each answer. Data the hall
 * does not own (social insurance, medical insurance, housing fund, real estate, appointments) comes
 * from a provider behind the back office; filings, pickups and e-licences from the back office. The
 * host checks every answer against these schemas before the engine sees it, so a provider's drift
 * is a typed failure (`providerError`), not a broken screen.
 */
import { z } from 'zod';
import { LocalText } from '../text';
import { ThemeId } from './vocabulary';

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoTime = z.iso.datetime({ offset: true });
const money = z.number().finite().min(-1e12).max(1e12);
const short = (max: number) => z.string().min(1).max(max);

export const FILING_STATUSES = [
  'submitted',
  'accepted',
  'approved',
  'rejected',
  'needsMore',
  'resultReady',
  'collected',
] as const;

/** A filing's status as a citizen reads it. */
export const FILING_STATUS_LABELS: Readonly<Record<(typeof FILING_STATUSES)[number], LocalText>> = {
  submitted: { zh: '已提交，待受理', en: 'Submitted, awaiting acceptance' },
  accepted: { zh: '已受理，审核中', en: 'Accepted, under review' },
  approved: { zh: '已批准，正在出证', en: 'Approved, result being prepared' },
  rejected: { zh: '未予批准', en: 'Not approved' },
  needsMore: { zh: '需补正材料', en: 'More materials needed' },
  resultReady: { zh: '结果可领取', en: 'Result ready to collect' },
  collected: { zh: '已领取，办结', en: 'Collected, closed' },
};

export const QueryResults = {
  /** 参保信息: one entry per insurance the person is (or was) enrolled in. */
  socialInsuranceRecord: z.strictObject({
    insured: z
      .array(
        z.strictObject({
          insuranceType: short(40),
          employer: short(80),
          since: yearMonth,
          status: z.enum(['参保缴费', '暂停缴费', '终止参保']),
          months: z.int().min(0).max(1200),
        }),
      )
      .min(1)
      .max(20),
  }),
  /** 参保缴费记录: paid months, newest last. */
  socialInsurancePayments: z.strictObject({
    months: z
      .array(
        z.strictObject({
          month: yearMonth,
          insuranceType: short(40),
          base: money,
          personal: money,
          unit: money,
          paid: z.boolean(),
        }),
      )
      .min(1)
      .max(600),
  }),
  /** 医保个人账户余额. */
  medicalInsuranceBalance: z.strictObject({
    balance: money,
    asOf: isoDate,
    insuranceType: short(40),
    insuredPlace: short(60),
  }),
  /** 公积金账户. */
  housingFundAccount: z.strictObject({
    accountNumber: short(30),
    status: z.enum(['正常缴存', '封存', '销户']),
    balance: money,
    monthlyDeposit: money,
    lastDepositMonth: yearMonth,
    employer: short(80),
  }),
  /** 不动产登记信息: the person's registered properties. */
  realEstate: z.strictObject({
    properties: z
      .array(
        z.strictObject({
          certificateNumber: short(60),
          location: short(200),
          areaM2: z.number().positive().max(1e7),
          use: short(40),
          registeredAt: isoDate,
          encumbrances: z.array(z.enum(['mortgage', 'seizure', 'objection'])).max(3),
        }),
      )
      .min(1)
      .max(50),
  }),
  /** 办件进度: the filings of a person, or the one a receipt names. */
  progress: z.strictObject({
    items: z
      .array(
        z.strictObject({
          trackingNumber: short(40),
          serviceId: short(64),
          serviceName: LocalText.optional(),
          status: z.enum(FILING_STATUSES),
          updatedAt: isoTime,
          /** What staff still need, when the status is needsMore. */
          missing: z.array(short(80)).max(20).optional(),
        }),
      )
      .min(1)
      .max(50),
  }),
  /** One filing by tracking number, for a deposit of its papers. */
  filing: z.strictObject({
    trackingNumber: short(40),
    serviceId: short(64),
    serviceName: LocalText.optional(),
    status: z.enum(FILING_STATUSES),
    /** Whether papers may be deposited for it now (submitted or needsMore, no deposit waiting). */
    acceptsDeposit: z.boolean(),
  }),
  /** 预约: appointments made online for today at this hall. */
  appointments: z.strictObject({
    items: z
      .array(
        z.strictObject({
          appointmentId: short(64),
          serviceName: LocalText,
          theme: ThemeId,
          from: isoTime,
          to: isoTime,
          status: z.enum(['booked', 'checkedIn', 'missed']),
        }),
      )
      .min(1)
      .max(20),
  }),
  /** 电子证照 the person holds. */
  elicences: z.strictObject({
    items: z
      .array(
        z.strictObject({
          licenceType: short(60),
          number: short(60),
          issuer: short(80),
          validTo: z.union([isoDate, z.literal('长期')]),
        }),
      )
      .max(50),
  }),
} as const;

export type QueryKind = keyof typeof QueryResults;
export const QueryKind = z.enum(Object.keys(QueryResults) as [QueryKind, ...QueryKind[]]);
export type QueryResult<K extends QueryKind> = z.infer<(typeof QueryResults)[K]>;
