// Wire types of the back office API v1 (kiosk-facing routes). Mirrors the service contract.
import type { FILING_STATUSES } from '../../domain/catalogue/queries';
import type { RatingSubmissionInput } from '../../domain/rating';

export type DeliveryMethod = 'print' | 'locker' | 'post';
export type FilingStatus = (typeof FILING_STATUSES)[number];

export interface Applicant {
  idNumber: string;
  name: string;
  phone?: string;
}

export interface FilingRequest {
  serviceId: string;
  kioskId: string;
  applicant: Applicant;
  form: Record<string, unknown>;
  delivery: { method: DeliveryMethod; address?: string };
}

export interface FilingCreated {
  filingId: string;
  trackingNumber: string;
  status: FilingStatus;
  qrPayload: string;
  submittedAt: string;
  instantResult?: { decision: 'approved'; documentUrl: string };
}

export interface MaterialUploaded {
  materialId: string;
  bytes: number;
  sha256: string;
}

export interface MaterialSummary {
  materialId: string;
  name: string;
  kind: string;
  bytes: number;
  sha256: string;
}

/** GET /filings/{id}: the fields the kiosk relies on; the service may send more. */
export interface FilingView {
  filingId: string;
  trackingNumber: string;
  status: FilingStatus;
  materials?: MaterialSummary[];
  [key: string]: unknown;
}

export type DeviceHealthReport = {
  deviceId: string;
  family: string;
  health: string;
  detail: Record<string, unknown>;
  lastError?: { code: string; detail?: string; message?: string };
};

export interface HeartbeatRequest {
  sentAt: string;
  appVersion: string;
  /** The version of the configuration the kiosk runs (0 before it has one). */
  configVersion: number;
  devices: DeviceHealthReport[];
  session: 'idle' | 'serving' | 'maintenance';
  /** The last self-check and the services the kiosk can offer now (the fleet's per-service filter). */
  health?: KioskServiceHealth;
}

export interface KioskServiceHealth {
  checkedAt: string | null;
  verdict: 'ok' | 'degraded' | 'down' | null;
  offered: string[];
  notOffered: { serviceId: string; missing: string[] }[];
}

export interface KioskConfig {
  version: number;
  catalogue: unknown[];
  site: Record<string, unknown>;
  /** What the back office accepts; pass to `Outbox.setLimits`. */
  limits: MaterialLimits;
}

export interface MaterialLimits {
  maxMaterialBytes: number;
  maxFilingBytes: number;
}

export interface HeartbeatReply {
  configVersion: number;
  config?: KioskConfig;
}

export interface ProgressItem {
  trackingNumber: string;
  serviceId: string;
  status: FilingStatus;
  updatedAt: string;
  delivery: unknown;
  /** Only when asked by ID number + name (the applicant). */
  filingId?: string;
  /** The result to print here: applicant, delivery print, status resultReady. */
  resultUrl?: string;
  missing?: string[];
  decisionReason?: string;
  /** The filing has its 好差评 already (one per filing). */
  rated: boolean;
}

/** One occupied locker door of this kiosk (GET /lockers/doors). */
export interface LockerDoor {
  kioskId: string;
  cabinetId: string;
  board: number;
  door: number;
  content: 'deposit' | 'result';
  id: string;
  filingId: string;
  trackingNumber: string;
  state: 'deposited' | 'waiting' | 'opened';
  since: string;
  expiresAt?: string;
  expired: boolean;
}

/** 好差评 (GB/T 39734), as domain/rating defines it: options of the level, text ≤ 200. */
export type RatingRequest = RatingSubmissionInput;

export interface RatingRecorded {
  trackingNumber: string;
  level: number;
  levelName: string;
  /** 差评: the hall will call the applicant back. */
  badRating: boolean;
}

/** A door of a kiosk's cabinet. */
export interface LockerPlace {
  cabinetId: string;
  board: number;
  door: number;
}

/** Papers for a filing, named by its id or (from a citizen's receipt) its tracking number. */
export type DepositFor = { filingId: string } | { trackingNumber: string };
export type LockerDeposit = DepositFor & LockerPlace & { kioskId: string };

export interface PickupGrant {
  pickupId: string;
  cabinetId: string;
  board: number;
  door: number;
  filingId: string;
}

export interface ElicenceItem {
  licenceType: string;
  number: string;
  issuer: string;
  validTo: string;
  holderName: string;
}

// Citizen data the hall does not own (GET /citizen/…): amounts in fen (分), months YYYY-MM.
// A provider that cannot answer is BackofficeError kind `server`, code `providerUnavailable`.

/** Whose records: as read from the card; the back office asks the city's systems with both. */
export interface PersonRef {
  idNumber: string;
  name: string;
}

export type InsuranceKind = 'pension' | 'medical' | 'unemployment' | 'injury' | 'maternity';

export interface SocialInsuranceMonth {
  month: string;
  insurance: InsuranceKind;
  unitName: string;
  baseFen: number;
  unitFen: number;
  personalFen: number;
  /** false: 欠缴. */
  paid: boolean;
}

export interface SocialInsuranceRecords {
  status: 'active' | 'suspended' | 'retired' | 'none';
  firstMonth?: string;
  from: string;
  to: string;
  months: SocialInsuranceMonth[];
}

export interface MedicalAccount {
  insuredType: 'employee' | 'resident';
  status: 'normal' | 'suspended';
  balanceFen: number;
  lastCreditFen?: number;
  lastCreditMonth?: string;
  asOf: string;
}

export interface HousingFundAccount {
  accountNumber: string;
  unitName: string;
  status: 'normal' | 'sealed' | 'closed';
  openedOn: string;
  balanceFen: number;
  baseFen: number;
  unitRatePct: number;
  personalRatePct: number;
  monthlyFen: number;
  paidUpTo?: string;
  asOf: string;
}

export interface HousingFund {
  account: HousingFundAccount | null;
  deposits: { month: string; unitFen: number; personalFen: number; paid: boolean }[];
}

export interface RealEstateRegistration {
  unitNumber: string;
  certificateNumber: string;
  location: string;
  usage: string;
  areaM2: number;
  rightType: string;
  holders: string[];
  shareType: 'sole' | 'joint' | 'shares';
  registeredOn: string;
  mortgaged: boolean;
  seized: boolean;
}

/** A 取号 ticket as the slip and the screen show it. */
export interface QueueTicket {
  ticketId: string;
  /** The number called out, e.g. A012. */
  label: string;
  theme: string;
  themeNameZh: string;
  themeNameEn: string;
  site: string;
  day: string;
  state: 'waiting' | 'called' | 'served' | 'noShow';
  /** An appointment check-in: called before walk-ins. */
  priority: boolean;
  ahead: number;
  takenAt: string;
  counter?: string;
  calledAt?: string;
}

export interface QueueStatus {
  site: string;
  day: string;
  themes: { themeId: string; prefix: string; nameZh: string; nameEn: string; waiting: number }[];
}

export interface Appointment {
  appointmentId: string;
  serviceName: string;
  theme: string;
  date: string;
  slotStart: string;
  slotEnd: string;
  status: 'booked' | 'checkedIn' | 'cancelled';
  /** The ticket a check-in at this hall yielded. */
  ticket?: QueueTicket;
}

/** Certificates printed at a kiosk from citizen data, numbered and made verifiable by the back office. */
export type DocumentKind =
  'socialInsuranceCertificate' | 'housingFundCertificate' | 'realEstateRecord' | 'paymentHistory';

export interface IssuedDocument {
  documentNumber: string;
  /** With its offset, e.g. 2026-12-05T09:30:00+08:00. */
  issuedAt: string;
  issuer: { name: string; sealText: string };
  verification: { code: string; url: string };
}
