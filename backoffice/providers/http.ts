import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AppointmentRefused,
  CodeRefused,
  ProviderUnavailable,
  type CitizenDataProvider,
  type Person,
  type ProviderDescription,
} from './provider';
import {
  appointmentsReply,
  codeHolder,
  housingFundReply,
  medicalAccountReply,
  realEstateReply,
  socialInsuranceRecords,
  type Appointment,
  type HousingFund,
  type MedicalAccount,
  type RealEstateRegistration,
  type SocialInsuranceRecords,
} from './records';

export interface HttpCitizenDataOptions {
  /** e.g. https://data.city.gov.cn/yizhan/v1 (no trailing slash needed). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when given. */
  token?: string | undefined;
  /** Per request (default 5000 ms): a kiosk citizen is waiting. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch;
}

const refusal = z.object({ code: z.enum(['notFound', 'alreadyCheckedIn', 'cancelled']) });
const codeRefusal = z.object({ code: z.enum(['expired', 'unknown']) });

/**
 * Adapter for a city's systems, one JSON POST per question (the ID number travels in the body, never
 * in a URL that proxies and access logs keep). Shape documented in backoffice/README.md
 * ("Citizen data providers"). Whatever goes wrong — no answer in time, a status other than 200, a
 * body that is not a valid record — becomes `ProviderUnavailable` with a reason free of personal
 * data; only a check-in (404, 409) and a 一码办 code (404 unknown, 410 expired) have meaningful refusals.
 */
export class HttpCitizenData implements CitizenDataProvider {
  readonly #base: string;

  constructor(private readonly opts: HttpCitizenDataOptions) {
    this.#base = opts.baseUrl.replace(/\/+$/, '');
  }

  describe(): ProviderDescription {
    return { kind: 'http', baseUrl: this.#base };
  }

  async #post<T>(path: string, body: object, schema: z.ZodType<T>): Promise<T> {
    const { status, json } = await this.#send(path, body);
    if (status !== 200) throw new ProviderUnavailable(`${path} answered ${status}`);
    return this.#parse(path, schema, json);
  }

  #parse<T>(path: string, schema: z.ZodType<T>, json: unknown): T {
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const at = parsed.error.issues[0]?.path.join('.') ?? '';
      throw new ProviderUnavailable(`${path} answered an invalid body (at "${at}")`);
    }
    return parsed.data;
  }

  async #send(path: string, body: object): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-request-id': randomUUID(),
    };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const timeoutMs = this.opts.timeoutMs ?? 5000;
    try {
      const res = await (this.opts.fetch ?? fetch)(`${this.#base}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, json };
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new ProviderUnavailable(
        timedOut ? `${path} timed out after ${timeoutMs} ms` : `${path} unreachable`,
        {
          cause: err,
        },
      );
    }
  }

  socialInsurance(p: Person, range: { from: string; to: string }): Promise<SocialInsuranceRecords> {
    return this.#post('/social-insurance/records', { ...p, ...range }, socialInsuranceRecords);
  }

  async medicalAccount(p: Person): Promise<MedicalAccount | null> {
    return (await this.#post('/medical-insurance/account', p, medicalAccountReply)).account;
  }

  housingFund(p: Person, months: number): Promise<HousingFund> {
    return this.#post('/housing-fund/account', { ...p, months }, housingFundReply);
  }

  async realEstate(p: Person): Promise<RealEstateRegistration[]> {
    return (await this.#post('/real-estate/registrations', p, realEstateReply)).registrations;
  }

  async appointments(p: Person, date: string): Promise<Appointment[]> {
    return (await this.#post('/appointments/search', { ...p, date }, appointmentsReply)).appointments;
  }

  async checkIn(appointmentId: string, p: Person): Promise<void> {
    const path = `/appointments/${encodeURIComponent(appointmentId)}/check-in`;
    const { status, json } = await this.#send(path, p);
    if (status === 200) return;
    if (status === 404 || status === 409) throw new AppointmentRefused(this.#parse(path, refusal, json).code);
    throw new ProviderUnavailable(`${path} answered ${status}`);
  }

  async resolveCode(code: string): Promise<Person> {
    // The code is a bearer token: in the body only, like the ID number.
    const path = '/yimaban/resolve';
    const { status, json } = await this.#send(path, { code });
    if (status === 200) return this.#parse(path, codeHolder, json);
    if (status === 404 || status === 410) throw new CodeRefused(this.#parse(path, codeRefusal, json).code);
    throw new ProviderUnavailable(`${path} answered ${status}`);
  }
}
