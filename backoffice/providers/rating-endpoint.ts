import { z } from 'zod';

/**
 * One 好差评 as the province's evaluation system (好差评系统) receives it: the record GB/T 39734
 * asks for — case number, service, rated terminal, channel, level, options, text, the rater (real
 * name, for the call-back) and the time.
 */
export interface ForwardedRating {
  /** Stable per rating (the filing id: one rating per filing); the receiver deduplicates on it. */
  ratingId: string;
  /** 办件编号. */
  caseNumber: string;
  serviceId: string;
  serviceName: string;
  terminalId: string;
  terminalName: string;
  site: string;
  channel: 'selfServiceTerminal';
  /** 自助终端. */
  channelName: string;
  level: number;
  levelName: string;
  /** With the standard's on-site indicator each option belongs to (整体满意度, 服务效率, 服务水平, 服务态度). */
  options: { code: string; label: string; indicator?: string; indicatorName?: string }[];
  comment?: string;
  /** 差评: the hall calls the rater back (回访). */
  badRating: boolean;
  ratedAt: string;
  rater: { name: string; idNumber: string; phone?: string };
}

/** Where ratings go. Resolves with the receiver's reference; throws `RatingRefused` for a permanent no. */
export interface RatingEndpoint {
  send(rating: ForwardedRating): Promise<{ reference: string }>;
}

/** The receiver understood the rating and will never take it (4xx): retrying is pointless. */
export class RatingRefused extends Error {
  override readonly name = 'RatingRefused';
  constructor(readonly reason: string) {
    super(`rating refused: ${reason}`);
  }
}

/**
 * The embedded default: keeps what it receives in memory (for the console's "forwarded" column, a
 * demonstration and tests) and can be switched down to show retries.
 */
export class SimulatedRatingEndpoint implements RatingEndpoint {
  down = false;
  readonly received: ForwardedRating[] = [];
  #listeners: ((r: ForwardedRating) => void)[] = [];

  async send(rating: ForwardedRating): Promise<{ reference: string }> {
    await Promise.resolve();
    if (this.down) throw new Error('simulated 好差评 endpoint switched down');
    const earlier = this.received.findIndex((r) => r.ratingId === rating.ratingId);
    if (earlier < 0) this.received.push(rating);
    for (const l of this.#listeners) l(rating);
    return { reference: `SIM-${String(earlier < 0 ? this.received.length : earlier + 1).padStart(6, '0')}` };
  }

  /** Called with every rating that arrives (tests wait on it instead of sleeping). */
  onReceive(listener: (r: ForwardedRating) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }
}

export interface HttpRatingEndpointOptions {
  url: string;
  token?: string | undefined;
  timeoutMs?: number | undefined;
  fetch?: typeof fetch;
}

const accepted = z.object({ reference: z.string().min(1).max(100).optional() }).loose();

/**
 * POSTs the rating as JSON to the configured URL with `Idempotency-Key: <ratingId>`. 200/201/202
 * (optionally `{reference}`) or 409 (already received) are delivered; another 4xx is a permanent
 * refusal; 5xx, 408, 429, timeouts and network failures are retried by the forwarder.
 */
export class HttpRatingEndpoint implements RatingEndpoint {
  constructor(private readonly opts: HttpRatingEndpointOptions) {}

  async send(rating: ForwardedRating): Promise<{ reference: string }> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'idempotency-key': rating.ratingId,
    };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    const res = await (this.opts.fetch ?? fetch)(this.opts.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(rating),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    if (res.status === 409) return { reference: rating.ratingId };
    if (res.status >= 200 && res.status < 300) {
      let body: unknown = {};
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        body = {};
      }
      const parsed = accepted.safeParse(body);
      return { reference: (parsed.success ? parsed.data.reference : undefined) ?? rating.ratingId };
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw new RatingRefused(`endpoint answered ${res.status}`);
    }
    throw new Error(`endpoint answered ${res.status}`);
  }
}

export const ratingEndpointSpec = z.union([
  z.object({ simulated: z.object({}).strict() }).strict(),
  z
    .object({
      http: z
        .object({
          url: z.url(),
          token: z.string().min(1).optional(),
          timeoutMs: z.number().int().min(100).max(120_000).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type RatingEndpointSpec = z.input<typeof ratingEndpointSpec>;

export function ratingEndpointFrom(given: RatingEndpoint | RatingEndpointSpec | undefined): RatingEndpoint {
  if (given && 'send' in given) return given;
  const spec = ratingEndpointSpec.parse(given ?? { simulated: {} });
  return 'http' in spec ? new HttpRatingEndpoint(spec.http) : new SimulatedRatingEndpoint();
}
