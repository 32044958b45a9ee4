/**
 * What one citizen's session holds in host memory beside the engine's state: the back office's raw
 * answers (certificates print from them), the captured materials, tickets, doors and pickups. It is
 * never written to disk and is emptied when the session ends.
 */
import type {
  Appointment,
  HousingFund,
  MedicalAccount,
  PickupGrant,
  ProgressItem,
  QueueTicket,
  RealEstateRegistration,
  SocialInsuranceRecords,
} from '../backend';

export interface Capture {
  material: string;
  /** The material's pages as one PDF (main/scanning). */
  pdf: Buffer;
  pages: number;
}

export interface Door {
  board: number;
  door: number;
  label: string;
  openedAt: number;
}

export class SessionVault {
  raw: {
    socialInsurance?: SocialInsuranceRecords;
    medicalAccount?: MedicalAccount;
    housingFund?: HousingFund;
    realEstate?: RealEstateRegistration[];
    progress?: ProgressItem[];
    appointments?: Appointment[];
  } = {};
  /** By the ref the page got back. */
  readonly captures = new Map<string, Capture>();
  /** Tickets by the effect key that took them (the slip prints the back office's own). */
  readonly tickets = new Map<string, { ticket: QueueTicket; appointment?: Appointment }>();
  /** Doors opened by this session, by the key of the `locker.open` that opened them. */
  readonly doors = new Map<string, Door & { grant?: PickupGrant }>();
  /** When each door was seen closed again (by label). */
  readonly closedAt = new Map<string, number>();

  clear(): void {
    this.raw = {};
    for (const c of this.captures.values()) c.pdf.fill(0);
    this.captures.clear();
    this.tickets.clear();
    this.doors.clear();
    this.closedAt.clear();
  }
}
