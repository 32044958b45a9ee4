/** The closed vocabularies a service definition is written in. */
import { z } from 'zod';
import { t, type LocalText } from '../text';

/** Device roles, as the host's DeviceServices facade names them (issue #9). */
export const DEVICE_ROLES = [
  'idCard',
  'socialSecurityCard',
  'bankCard',
  'receiptPrinter',
  'a4Printer',
  'scanner',
  'lockers',
  'camera',
] as const;
export const DeviceRole = z.enum(DEVICE_ROLES);
export type DeviceRole = z.infer<typeof DeviceRole>;

/** How a citizen may identify: a card in a reader, the 一码办 QR of a provincial app, or not at all. */
export const ID_METHODS = ['idCard', 'socialSecurityCard', 'bankCard', 'qr', 'none'] as const;
export const IdMethod = z.enum(ID_METHODS);
export type IdMethod = z.infer<typeof IdMethod>;
/** The methods that read someone (everything but `none`). */
export type ReadMethod = Exclude<IdMethod, 'none'>;

/** The device role that reads each identification method. */
export const ROLE_OF_METHOD: Readonly<Record<ReadMethod, DeviceRole>> = {
  idCard: 'idCard',
  socialSecurityCard: 'socialSecurityCard',
  bankCard: 'bankCard',
  qr: 'scanner',
};

/** `hall`: a 24-hour self-service hall; `stm`: a bank smart teller machine (社保 / 医保 / 公积金 subset). */
export const PROFILES = ['hall', 'stm'] as const;
export const Profile = z.enum(PROFILES);
export type Profile = z.infer<typeof Profile>;

/**
 * The identification a profile's terminals read: a hall has an ID card reader, a card reader and a
 * scanner; an STM reads social security and bank cards. An identify step offers what both the
 * service and the profile accept.
 */
export const PROFILE_METHODS: Readonly<Record<Profile, readonly ReadMethod[]>> = {
  hall: ['idCard', 'socialSecurityCard', 'qr'],
  stm: ['socialSecurityCard', 'bankCard'],
};

/**
 * Themes (主题), as the halls in the seeds group their windows: 社会民生类, 注册登记类, 公安专项类, the
 * 不动产登记 and 公积金 areas, and the hall's own services; the STM groups by fund.
 */
export const THEMES = {
  socialAffairs: t('社会民生类', 'Social affairs'),
  registration: t('注册登记类', 'Business registration'),
  publicSecurity: t('公安专项类', 'Public security'),
  realEstate: t('不动产登记类', 'Real estate registration'),
  hallServices: t('综合服务类', 'Hall services'),
  socialInsurance: t('社会保险', 'Social insurance'),
  medicalInsurance: t('医疗保障', 'Medical insurance'),
  housingFund: t('住房公积金', 'Housing provident fund'),
} as const satisfies Record<string, LocalText>;
export const ThemeId = z.enum(Object.keys(THEMES) as [keyof typeof THEMES, ...(keyof typeof THEMES)[]]);
export type ThemeId = z.infer<typeof ThemeId>;

/** What the host's printing module can print, and on which printer. */
export const PRINT_DOCS = {
  // A4 (print-templates/)
  socialInsuranceCertificate: 'a4',
  housingFundCertificate: 'a4',
  applicationForm: 'a4',
  blankForm: 'a4',
  resultNotice: 'a4',
  acceptanceReceipt: 'a4',
  realEstateRecord: 'a4',
  copies: 'a4',
  // Receipts (ESC/POS)
  acceptanceSlip: 'receipt',
  queueTicket: 'receipt',
  depositSlip: 'receipt',
  pickupSlip: 'receipt',
  checkInSlip: 'receipt',
  paymentHistory: 'receipt',
  balanceSlip: 'receipt',
} as const satisfies Record<string, 'a4' | 'receipt'>;
export type PrintDoc = keyof typeof PRINT_DOCS;
export const PrintDoc = z.enum(Object.keys(PRINT_DOCS) as [PrintDoc, ...PrintDoc[]]);
export const printerRoleOf = (doc: PrintDoc): DeviceRole =>
  PRINT_DOCS[doc] === 'a4' ? 'a4Printer' : 'receiptPrinter';

/** Codes a citizen enters or scans. */
export const CODE_KINDS = ['trackingNumber', 'pickupCode', 'receiptQr'] as const;
export const CodeKind = z.enum(CODE_KINDS);
export type CodeKind = z.infer<typeof CodeKind>;

/** Delivery of a filing's result, as the back office's filing API knows it. */
export const DeliveryMethod = z.enum(['print', 'locker', 'post']);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;
