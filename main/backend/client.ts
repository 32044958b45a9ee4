import { sendRequest, type HttpOptions, type HttpRequest, type HttpResponse } from './http';
import type {
  Appointment,
  DocumentKind,
  ElicenceItem,
  FilingCreated,
  FilingRequest,
  FilingView,
  HeartbeatReply,
  HeartbeatRequest,
  HousingFund,
  IssuedDocument,
  KioskConfig,
  DepositFor,
  LockerPlace,
  LockerDoor,
  MaterialUploaded,
  MedicalAccount,
  PersonRef,
  PickupGrant,
  ProgressItem,
  QueueStatus,
  QueueTicket,
  RatingRecorded,
  RatingRequest,
  RealEstateRegistration,
  SocialInsuranceRecords,
} from './types';

export interface BackofficeClientOptions extends HttpOptions {
  kioskId: string;
  /** Kiosk credential from registration; absent only before registration. */
  credential?: string;
}

export type MaterialContentType = 'image/jpeg' | 'application/pdf';

/**
 * Typed client for the kiosk-facing back office routes. Each call has its own timeout and throws
 * only BackofficeError (network | timeout | rejected | server). No retries here: the outbox owns them.
 */
export class BackofficeClient {
  #credential: string | undefined;

  constructor(private readonly opts: BackofficeClientOptions) {
    this.#credential = opts.credential;
  }

  get kioskId(): string {
    return this.opts.kioskId;
  }

  /** Registers this kiosk with a site enrollment token; remembers and returns the one-time credential. */
  async register(
    enrollmentToken: string,
    info: { name: string; site: string },
    signal?: AbortSignal,
  ): Promise<{ kioskId: string; credential: string }> {
    const res = await this.#send<{ kioskId: string; credential: string }>(
      {
        method: 'POST',
        path: '/kiosks/register',
        headers: { 'x-enrollment-token': enrollmentToken },
        json: { kioskId: this.opts.kioskId, ...info },
      },
      signal,
      false,
    );
    this.#credential = res.body.credential;
    return res.body;
  }

  async heartbeat(report: HeartbeatRequest, signal?: AbortSignal): Promise<HeartbeatReply> {
    return (await this.#post<HeartbeatReply>(`/kiosks/${this.#kiosk()}/heartbeat`, report, signal)).body;
  }

  async config(signal?: AbortSignal): Promise<KioskConfig> {
    return (await this.#get<KioskConfig>(`/kiosks/${this.#kiosk()}/config`, {}, signal)).body;
  }

  /** 201 on first creation, 200 when the Idempotency-Key was already used with the same body. */
  async createFiling(
    request: FilingRequest,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<{ created: boolean; filing: FilingCreated }> {
    const res = await this.#send<FilingCreated>(
      { method: 'POST', path: '/filings', headers: { 'idempotency-key': idempotencyKey }, json: request },
      signal,
    );
    return { created: res.status === 201, filing: res.body };
  }

  async uploadMaterial(
    filingId: string,
    material: { name: string; kind: string; contentType: MaterialContentType; bytes: Uint8Array },
    options: { idempotencyKey?: string; signal?: AbortSignal } = {},
  ): Promise<MaterialUploaded> {
    const res = await this.#send<MaterialUploaded>(
      {
        method: 'POST',
        path: `/filings/${encodeURIComponent(filingId)}/materials`,
        query: { name: material.name, kind: material.kind },
        headers: options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
        raw: { body: material.bytes, contentType: material.contentType },
      },
      options.signal,
    );
    return res.body;
  }

  async filing(filingId: string, signal?: AbortSignal): Promise<FilingView> {
    return (await this.#get<FilingView>(`/filings/${encodeURIComponent(filingId)}`, {}, signal)).body;
  }

  async progressByTracking(trackingNumber: string, signal?: AbortSignal): Promise<ProgressItem[]> {
    return (await this.#get<{ items: ProgressItem[] }>('/progress', { trackingNumber }, signal)).body.items;
  }

  /** By the QR code on the receipt, as scanned; a forged or damaged code is `rejected` `badQrCode`. */
  async progressByQr(payload: string, signal?: AbortSignal): Promise<ProgressItem[]> {
    return (await this.#get<{ items: ProgressItem[] }>('/progress', { qr: payload }, signal)).body.items;
  }

  async progressByApplicant(idNumber: string, name: string, signal?: AbortSignal): Promise<ProgressItem[]> {
    return (await this.#get<{ items: ProgressItem[] }>('/progress', { idNumber, name }, signal)).body.items;
  }

  /** 好差评 of a filing made here; `alreadyRated` the second time. */
  async rate(filingId: string, rating: RatingRequest, signal?: AbortSignal): Promise<RatingRecorded> {
    return (
      await this.#post<RatingRecorded>(`/filings/${encodeURIComponent(filingId)}/rating`, rating, signal)
    ).body;
  }

  /**
   * 好差评 of a past filing (the 好差评 service): by the receipt QR as scanned, or by the typed
   * tracking number with the ID number from the applicant's card. Not found covers both a wrong
   * number and someone else's filing.
   */
  async rateByTracking(
    filing: { qr: string } | { trackingNumber: string; idNumber: string },
    rating: RatingRequest,
    signal?: AbortSignal,
  ): Promise<RatingRecorded> {
    return (
      await this.#post<RatingRecorded>('/ratings', { kioskId: this.opts.kioskId, filing, rating }, signal)
    ).body;
  }

  /**
   * Papers put in a door for a filing, named by its id or (a citizen's receipt) its tracking number.
   * With an Idempotency-Key a retry answers the deposit recorded the first time (never a second).
   */
  async lockerDeposit(
    deposit: DepositFor & LockerPlace,
    signal?: AbortSignal,
    idempotencyKey?: string,
  ): Promise<void> {
    await this.#send(
      {
        method: 'POST',
        path: '/lockers/deposits',
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
        json: { ...deposit, kioskId: this.opts.kioskId },
      },
      signal,
    );
  }

  /** Resolves null for 404 (no such code or pickup); 423 lockedOut and others throw. */
  async verifyPickup(
    proof: { code: string } | { idNumber: string; name: string },
    signal?: AbortSignal,
  ): Promise<PickupGrant | null> {
    try {
      const res = await this.#post<PickupGrant>(
        '/lockers/pickup/verify',
        { kioskId: this.opts.kioskId, ...proof },
        signal,
      );
      return res.body;
    } catch (err) {
      if (err instanceof Error && 'status' in err && err.status === 404) return null;
      throw err;
    }
  }

  async pickupCollected(
    pickupId: string,
    times: { doorOpenedAt: string; doorClosedAt: string },
    signal?: AbortSignal,
  ): Promise<void> {
    await this.#post(`/lockers/pickup/${encodeURIComponent(pickupId)}/collected`, times, signal);
  }

  /** Doors of this kiosk that hold papers or a result: pick an empty one for a deposit. */
  async lockerDoors(signal?: AbortSignal): Promise<LockerDoor[]> {
    return (
      await this.#get<{ doors: LockerDoor[] }>('/lockers/doors', { kioskId: this.opts.kioskId }, signal)
    ).body.doors;
  }

  /**
   * The result document (PDF bytes) to print at this kiosk, by the `resultUrl` the back office gave
   * when the applicant's identity was presented here (`progressByApplicant`, or `instantResult`):
   * it carries a print grant for this kiosk, valid 15 minutes; a filing's ID alone opens nothing.
   */
  async resultDocument(resultUrl: string, signal?: AbortSignal): Promise<Uint8Array> {
    const { path, grant } = grantedResult(resultUrl);
    return (await this.#send<Uint8Array>({ method: 'GET', path, query: { grant }, binary: true }, signal))
      .body;
  }

  /** The citizen took the printed result: resultReady → collected (the same grant). */
  async resultPrinted(resultUrl: string, signal?: AbortSignal): Promise<void> {
    const { path, grant } = grantedResult(resultUrl);
    await this.#post(`${path}/printed`, { grant }, signal);
  }

  async elicences(idNumber: string, signal?: AbortSignal): Promise<ElicenceItem[]> {
    return (await this.#get<{ items: ElicenceItem[] }>('/elicences', { idNumber }, signal)).body.items;
  }

  /** 参保缴费记录, months `from`..`to` (YYYY-MM; default: the last 12 months up to last month). */
  async socialInsurance(
    person: PersonRef,
    range: { from?: string; to?: string } = {},
    signal?: AbortSignal,
  ): Promise<SocialInsuranceRecords> {
    return (
      await this.#get<SocialInsuranceRecords>('/citizen/social-insurance', { ...person, ...range }, signal)
    ).body;
  }

  /** 医保个人账户; null when the person is not insured here. */
  async medicalAccount(person: PersonRef, signal?: AbortSignal): Promise<MedicalAccount | null> {
    return (
      await this.#get<{ account: MedicalAccount | null }>('/citizen/medical-insurance', { ...person }, signal)
    ).body.account;
  }

  /** 公积金 account (balance, monthly deposit, status: the 缴存证明 data) and the last `months` deposits. */
  async housingFund(person: PersonRef, months = 12, signal?: AbortSignal): Promise<HousingFund> {
    return (
      await this.#get<HousingFund>('/citizen/housing-fund', { ...person, months: String(months) }, signal)
    ).body;
  }

  /** 不动产登记信息 where the person is a right holder. */
  async realEstate(person: PersonRef, signal?: AbortSignal): Promise<RealEstateRegistration[]> {
    return (
      await this.#get<{ registrations: RealEstateRegistration[] }>(
        '/citizen/real-estate',
        { ...person },
        signal,
      )
    ).body.registrations;
  }

  /** Today's appointments (CST) of the person at this hall, with the ticket of any check-in. */
  async appointmentsToday(person: PersonRef, signal?: AbortSignal): Promise<Appointment[]> {
    return (await this.#get<{ appointments: Appointment[] }>('/citizen/appointments', { ...person }, signal))
      .body.appointments;
  }

  /** 预约签到: once per appointment (`alreadyCheckedIn` after); yields a priority queue ticket. */
  async checkIn(
    appointmentId: string,
    person: PersonRef,
    signal?: AbortSignal,
  ): Promise<{ appointment: Appointment; ticket: QueueTicket }> {
    return (
      await this.#post<{ appointment: Appointment; ticket: QueueTicket }>(
        `/citizen/appointments/${encodeURIComponent(appointmentId)}/check-in`,
        { kioskId: this.opts.kioskId, ...person },
        signal,
      )
    ).body;
  }

  /**
   * 一码办: whom the code on the citizen's phone stands for. A code that has expired or is not known
   * is rejected `codeRefused`; the code (a bearer token) travels in the body only.
   */
  async resolveYimaban(code: string, signal?: AbortSignal): Promise<PersonRef> {
    return (await this.#post<PersonRef>('/citizen/yimaban', { kioskId: this.opts.kioskId, code }, signal))
      .body;
  }

  /** The counter themes of this kiosk's site and how many wait in each. */
  async queueStatus(signal?: AbortSignal): Promise<QueueStatus> {
    return (await this.#get<QueueStatus>('/queue', {}, signal)).body;
  }

  /**
   * 取号 for a counter theme. Anonymous without `idNumber`; with it (from the ID card) a person who
   * already waits in that queue gets the same ticket again (`reissued`).
   */
  async takeTicket(
    theme: string,
    idNumber?: string,
    signal?: AbortSignal,
  ): Promise<{ ticket: QueueTicket; reissued: boolean }> {
    const res = await this.#post<QueueTicket>(
      '/queue/tickets',
      { kioskId: this.opts.kioskId, theme, ...(idNumber ? { idNumber } : {}) },
      signal,
    );
    return { ticket: res.body, reissued: res.status === 200 };
  }

  /** The number, issuer and verification code of a certificate about to be printed here (audited). */
  async issueDocument(kind: DocumentKind, person: PersonRef, signal?: AbortSignal): Promise<IssuedDocument> {
    return (
      await this.#post<IssuedDocument>(
        '/citizen/documents',
        { kioskId: this.opts.kioskId, kind, ...person },
        signal,
      )
    ).body;
  }

  #kiosk(): string {
    return encodeURIComponent(this.opts.kioskId);
  }

  #get<T>(path: string, query: Record<string, string>, signal?: AbortSignal): Promise<HttpResponse<T>> {
    return this.#send<T>({ method: 'GET', path, query }, signal);
  }

  #post<T>(path: string, json: unknown, signal?: AbortSignal): Promise<HttpResponse<T>> {
    return this.#send<T>({ method: 'POST', path, json }, signal);
  }

  #send<T>(req: HttpRequest, signal: AbortSignal | undefined, auth = true): Promise<HttpResponse<T>> {
    const headers = { ...req.headers };
    if (auth && this.#credential) headers.authorization = `Bearer ${this.#credential}`;
    return sendRequest<T>(this.opts, { ...req, headers, ...(signal ? { signal } : {}) });
  }
}

/** `/api/v1/filings/{id}/result?grant=…` → the path under /api/v1 and the grant. */
function grantedResult(resultUrl: string): { path: string; grant: string } {
  const url = new URL(resultUrl, 'http://backoffice.invalid');
  const path = url.pathname.replace(/^\/api\/v1/, '');
  if (!/^\/filings\/[^/]+\/result$/.test(path)) throw new RangeError(`not a result URL: ${resultUrl}`);
  return { path, grant: url.searchParams.get('grant') ?? '' };
}
