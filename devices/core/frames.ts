import { abortReason } from './abort';
import { TransportClosedError } from './errors';
import type { Transport } from './transport';

/** What a pure frame decoder returns for the bytes at the head of a buffer. */
export type DecodeResult<F> =
  | { kind: 'frame'; frame: F; consumed: number }
  | { kind: 'need-more' }
  | { kind: 'skip'; consumed: number; reason: string };

export type FrameDecoder<F> = (buf: Uint8Array) => DecodeResult<F>;

/**
 * Owns the receive buffer for a pure decoder: push chunks in, get whole frames out. Skipped bytes
 * (noise, bad checksums) are reported so drivers can count and log them.
 */
export class FrameAssembler<F> {
  #buf = new Uint8Array(0);

  constructor(
    private readonly decode: FrameDecoder<F>,
    private readonly onSkip?: (reason: string, bytes: Uint8Array) => void,
    private readonly maxBuffer = 64 * 1024,
  ) {}

  get buffered(): number {
    return this.#buf.length;
  }

  reset(): void {
    this.#buf = new Uint8Array(0);
  }

  push(chunk: Uint8Array): F[] {
    const merged = new Uint8Array(this.#buf.length + chunk.length);
    merged.set(this.#buf);
    merged.set(chunk, this.#buf.length);
    let buf = merged;
    const frames: F[] = [];
    for (;;) {
      const r = this.decode(buf);
      if (r.kind === 'need-more') break;
      if (r.kind === 'skip') this.onSkip?.(r.reason, buf.slice(0, r.consumed));
      else frames.push(r.frame);
      buf = buf.subarray(Math.max(1, r.consumed));
      if (buf.length === 0) break;
    }
    if (buf.length > this.maxBuffer) {
      this.onSkip?.('overflow', buf.slice(0, buf.length - this.maxBuffer));
      buf = buf.subarray(buf.length - this.maxBuffer);
    }
    this.#buf = buf.slice();
    return frames;
  }
}

/**
 * Frames arriving on a transport, awaitable one at a time. Frames nobody waits for are kept in a
 * short backlog (so a reply that beats the `next()` call is not lost) and can be observed as
 * unsolicited events through `onUnsolicited`.
 */
export class FrameStream<F> {
  readonly #assembler: FrameAssembler<F>;
  readonly #waiters: { match: (f: F) => boolean; resolve: (f: F) => void; reject: (e: Error) => void }[] = [];
  readonly #backlog: F[] = [];
  readonly #unsolicited = new Set<(f: F) => void>();
  readonly #offData: () => void;
  readonly #offClose: () => void;

  constructor(
    transport: Transport,
    decode: FrameDecoder<F>,
    onSkip?: (reason: string, bytes: Uint8Array) => void,
    private readonly backlogLimit = 16,
  ) {
    this.#assembler = new FrameAssembler(decode, onSkip);
    this.#offData = transport.onData((chunk) => this.#accept(this.#assembler.push(chunk)));
    this.#offClose = transport.onClose(() => this.#failAll(new TransportClosedError('transport closed')));
  }

  /** Drops buffered bytes and queued frames (before a new exchange after garbage or a timeout). */
  flush(): void {
    this.#assembler.reset();
    this.#backlog.length = 0;
  }

  onUnsolicited(listener: (f: F) => void): () => void {
    this.#unsolicited.add(listener);
    return () => this.#unsolicited.delete(listener);
  }

  next(match: (f: F) => boolean, signal: AbortSignal): Promise<F> {
    const i = this.#backlog.findIndex(match);
    if (i >= 0) return Promise.resolve(this.#backlog.splice(i, 1)[0] as F);
    return new Promise<F>((resolve, reject) => {
      if (signal.aborted) return reject(abortReason(signal));
      const waiter = {
        match,
        resolve: (f: F) => {
          signal.removeEventListener('abort', onAbort);
          resolve(f);
        },
        reject: (e: Error) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      const onAbort = () => {
        const idx = this.#waiters.indexOf(waiter);
        if (idx >= 0) this.#waiters.splice(idx, 1);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  dispose(): void {
    this.#offData();
    this.#offClose();
    this.#failAll(new TransportClosedError('frame stream disposed'));
  }

  #accept(frames: F[]): void {
    for (const f of frames) {
      const idx = this.#waiters.findIndex((w) => w.match(f));
      if (idx >= 0) {
        this.#waiters.splice(idx, 1)[0]!.resolve(f);
        continue;
      }
      for (const l of this.#unsolicited) l(f);
      this.#backlog.push(f);
      if (this.#backlog.length > this.backlogLimit) this.#backlog.shift();
    }
  }

  #failAll(err: Error): void {
    for (const w of this.#waiters.splice(0)) w.reject(err);
  }
}
