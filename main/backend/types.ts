// Wire types of the back office API v1 (kiosk-facing routes). Mirrors the service contract.
import type { FILING_STATUSES } from '../../domain/catalogue/queries';

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

export interface RatingRequest {
  level: 1 | 2 | 3 | 4 | 5;
  indicators?: Record<string, unknown>;
  comment?: string;
}

export interface LockerDeposit {
  filingId: string;
  kioskId: string;
  cabinetId: string;
  board: number;
  door: number;
}

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
