import type {
  Appointment,
  HousingFund,
  MedicalAccount,
  RealEstateRegistration,
  SocialInsuranceRecords,
} from './records';

/**
 * Whose records: the ID number and the name as read from the card. City interfaces check both
 * (双要素), so a kiosk credential alone cannot page through people by number.
 */
export interface Person {
  idNumber: string;
  name: string;
}

/**
 * Data the hall does not own: the social insurance, medical insurance, housing fund, appointment
 * and real-estate registration systems of the city. The back office asks, the kiosk shows or
 * prints. A person without records gets empty answers (`status: 'none'`, `null`, `[]`); a system
 * that cannot answer throws `ProviderUnavailable`, which kiosks see as 503 `providerUnavailable`.
 */
export interface CitizenDataProvider {
  /** Months `from`..`to` (YYYY-MM, both included). */
  socialInsurance(person: Person, range: { from: string; to: string }): Promise<SocialInsuranceRecords>;
  medicalAccount(person: Person): Promise<MedicalAccount | null>;
  /** The account (缴存证明 data) and its deposits of the last `months` months. */
  housingFund(person: Person, months: number): Promise<HousingFund>;
  realEstate(person: Person): Promise<RealEstateRegistration[]>;
  /** Appointments of this person at this hall on `date` (YYYY-MM-DD, CST). */
  appointments(person: Person, date: string): Promise<Appointment[]>;
  /**
   * Tells the appointment system the person has arrived. Idempotent: checking in again what this
   * hall already checked in succeeds. Throws `AppointmentRefused` when the system refuses.
   */
  checkIn(appointmentId: string, person: Person): Promise<void>;
  /**
   * The person a 一码办 code (domain/identity/yimaban.ts) stands for, as the province's app
   * platform answers it. Throws `CodeRefused` for a code it does not know or that has expired.
   */
  resolveCode(code: string): Promise<Person>;
}

/** The provider could not answer (down, timed out, answered something that is not a valid record). */
export class ProviderUnavailable extends Error {
  override readonly name = 'ProviderUnavailable';
  constructor(
    /** For the service log: never holds an ID number. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`citizen data provider unavailable: ${reason}`, options);
  }
}

/** The appointment system refused a check-in it understood. */
export class AppointmentRefused extends Error {
  override readonly name = 'AppointmentRefused';
  constructor(readonly code: 'notFound' | 'alreadyCheckedIn' | 'cancelled') {
    super(`appointment check-in refused: ${code}`);
  }
}

/** The 一码办 platform refused a code it understood: expired (refreshed on the phone since) or unknown. */
export class CodeRefused extends Error {
  override readonly name = 'CodeRefused';
  constructor(readonly code: 'expired' | 'unknown') {
    super(`一码办 code refused: ${code}`);
  }
}

/** What staff see of the configured provider; `down` only for the simulated one. */
export interface ProviderDescription {
  kind: 'simulated' | 'http' | 'custom';
  down?: boolean;
  baseUrl?: string;
}

export function describeProvider(p: CitizenDataProvider): ProviderDescription {
  const d = (p as Partial<{ describe(): ProviderDescription }>).describe;
  return typeof d === 'function' ? d.call(p) : { kind: 'custom' };
}
