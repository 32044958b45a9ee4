import { sendRequest, type HttpOptions, type HttpRequest, type HttpResponse } from './http';
import type {
  ElicenceItem,
  FilingCreated,
  FilingRequest,
  FilingView,
  HeartbeatReply,
  HeartbeatRequest,
  KioskConfig,
  LockerDeposit,
  LockerDoor,
  MaterialUploaded,
  PickupGrant,
  ProgressItem,
  RatingRequest,
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

  async rate(filingId: string, rating: RatingRequest, signal?: AbortSignal): Promise<void> {
    await this.#post(`/filings/${encodeURIComponent(filingId)}/rating`, rating, signal);
  }

  async lockerDeposit(deposit: Omit<LockerDeposit, 'kioskId'>, signal?: AbortSignal): Promise<void> {
    await this.#post('/lockers/deposits', { ...deposit, kioskId: this.opts.kioskId }, signal);
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

  /** The result document (PDF bytes) to print at this kiosk. */
  async resultDocument(filingId: string, signal?: AbortSignal): Promise<Uint8Array> {
    return (
      await this.#send<Uint8Array>(
        { method: 'GET', path: `/filings/${encodeURIComponent(filingId)}/result`, binary: true },
        signal,
      )
    ).body;
  }

  /** The citizen took the printed result: resultReady → collected. */
  async resultPrinted(filingId: string, signal?: AbortSignal): Promise<void> {
    await this.#post(`/filings/${encodeURIComponent(filingId)}/result/printed`, {}, signal);
  }

  async elicences(idNumber: string, signal?: AbortSignal): Promise<ElicenceItem[]> {
    return (await this.#get<{ items: ElicenceItem[] }>('/elicences', { idNumber }, signal)).body.items;
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
