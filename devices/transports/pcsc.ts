import { createRequire } from 'node:module';
import { connect as netConnect } from 'node:net';
import {
  abortReason,
  DeviceError,
  Emitter,
  silentLogger,
  sleep,
  TransportClosedError,
  toHex,
  type CardChannel,
  type Logger,
} from '../core';

/** The subset of @pokusew/pcsclite we use (its own typings declare callbacks loosely). */
interface NativeReader {
  name: string;
  connected: boolean;
  SCARD_SHARE_SHARED: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_STATE_PRESENT: number;
  SCARD_STATE_MUTE: number;
  SCARD_LEAVE_CARD: number;
  on(event: 'status', l: (s: { state: number; atr?: Buffer }) => void): void;
  on(event: 'end', l: () => void): void;
  on(event: 'error', l: (e: unknown) => void): void;
  connect(opts: { share_mode: number; protocol: number }, cb: (err: unknown, protocol: number) => void): void;
  disconnect(disposition: number, cb: (err: unknown) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: (err: unknown, res: Buffer) => void): void;
  close(): void;
}
interface NativeContext {
  on(event: 'reader', l: (r: NativeReader) => void): void;
  on(event: 'error', l: (e: unknown) => void): void;
  close(): void;
}

export interface PcscOptions {
  /**
   * pcscd's socket. Default: $PCSCLITE_CSOCK_NAME or /run/pcscd/pcscd.comm. libpcsclite reads the
   * name once per process, so every PcscTransport in a process must agree on it.
   */
  socketPath?: string;
  log?: Logger;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

const DEFAULT_SOCKET = '/run/pcscd/pcscd.comm';

/** The socket a PcscTransport with these options talks to. */
export const pcscdSocketPath = (socketPath?: string): string =>
  socketPath ?? process.env.PCSCLITE_CSOCK_NAME ?? DEFAULT_SOCKET;

/**
 * Why nothing answers on pcscd's socket (the OS error code: ENOENT no socket, ECONNREFUSED a socket
 * left by a daemon that is gone, EACCES), or undefined when pcscd accepts a connection.
 */
export function pcscdUnreachable(socketPath: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const s = netConnect({ path: socketPath });
    const done = (why: string | undefined) => {
      s.destroy();
      resolve(why);
    };
    s.once('connect', () => done(undefined));
    s.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}
/** Largest short-APDU response plus status word, with room for extended-length answers. */
const MAX_RESPONSE = 4096 + 2;

/** SCARD_* codes the mapping cares about (pcsclite.h). */
const CARD_GONE = new Set([
  0x80100069 /* W_REMOVED_CARD */, 0x8010000c /* E_NO_SMARTCARD */, 0x80100066 /* W_UNRESPONSIVE_CARD */,
  0x80100067 /* W_UNPOWERED_CARD */,
]);
const LINK_GONE = new Set([
  0x8010001d /* E_NO_SERVICE */, 0x8010001e /* E_SERVICE_STOPPED */, 0x80100017 /* E_READER_UNAVAILABLE */,
  0x80100009 /* E_UNKNOWN_READER */, 0x80100003 /* E_INVALID_HANDLE */, 0x80100002 /* E_CANCELLED */,
]);

interface ReaderState {
  native: NativeReader;
  present: boolean;
  atr: Uint8Array | undefined;
  protocol: number | undefined;
}

/**
 * PC/SC through pcscd (@pokusew/pcsclite). Keeps one PC/SC context alive: when pcscd goes away
 * (restart, crash) or the context fails, every reader is announced detached, and a new context is
 * created with backoff once the daemon's socket answers again; its readers are announced afresh.
 * Native errors never escape: a vanished daemon or reader is a TransportClosedError, a card that
 * left is a DeviceError `noMedia`/`cardRemoved`, anything else a DeviceError `hardware`/`pcscError`.
 */
export class PcscTransport implements CardChannel {
  readonly describe: string;
  readonly #socketPath: string;
  readonly #log: Logger;
  readonly #events = new Emitter<{
    reader: { reader: string; change: 'attached' | 'detached' };
    card: { reader: string; change: 'inserted' | 'removed'; atr?: Uint8Array };
  }>();
  readonly #readers = new Map<string, ReaderState>();
  readonly #stop = new AbortController();
  #contextDead: (() => void) | undefined;
  readonly #loop: Promise<void>;

  constructor(private readonly opts: PcscOptions = {}) {
    this.#socketPath = pcscdSocketPath(opts.socketPath);
    this.describe = `pcsc:${this.#socketPath}`;
    this.#log = (opts.log ?? silentLogger).child({ transport: this.describe });
    // libpcsclite takes the socket name from the environment when it first connects.
    if (this.#socketPath !== DEFAULT_SOCKET) process.env.PCSCLITE_CSOCK_NAME = this.#socketPath;
    this.#loop = this.#run(this.#stop.signal);
  }

  readers(): readonly string[] {
    return [...this.#readers.keys()];
  }

  /** Whether a card is in `reader` right now (as last reported by pcscd). */
  cardPresent(reader: string): boolean {
    return this.#readers.get(reader)?.present ?? false;
  }

  onReaderChange(listener: (event: { reader: string; change: 'attached' | 'detached' }) => void): () => void {
    return this.#events.on('reader', listener);
  }

  onCardChange(
    listener: (event: { reader: string; change: 'inserted' | 'removed'; atr?: Uint8Array }) => void,
  ): () => void {
    return this.#events.on('card', listener);
  }

  async connect(reader: string, signal?: AbortSignal): Promise<Uint8Array> {
    const st = this.#reader(reader);
    if (!st.present) throw this.#noCard(reader, 'cardAbsent', 'no card in the reader');
    if (st.native.connected) await this.#disconnectNative(st);
    const protocol = await this.#call<number>(signal, 'connect', (cb) =>
      st.native.connect(
        {
          share_mode: st.native.SCARD_SHARE_SHARED,
          protocol: st.native.SCARD_PROTOCOL_T0 | st.native.SCARD_PROTOCOL_T1,
        },
        cb,
      ),
    );
    st.protocol = protocol;
    this.#log.debug('pcsc.connected', {
      reader,
      protocol: protocol === st.native.SCARD_PROTOCOL_T0 ? 'T=0' : 'T=1',
    });
    return st.atr ?? new Uint8Array(0);
  }

  async transmit(reader: string, apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const st = this.#reader(reader);
    const protocol = st.protocol;
    if (protocol === undefined || !st.native.connected)
      throw new TransportClosedError(`${reader}: not connected to a card`);
    const res = await this.#call<Buffer>(signal, 'transmit', (cb) =>
      st.native.transmit(Buffer.from(apdu), MAX_RESPONSE, protocol, cb),
    );
    return new Uint8Array(res.buffer, res.byteOffset, res.byteLength);
  }

  async disconnect(reader: string): Promise<void> {
    const st = this.#readers.get(reader);
    if (st) await this.#disconnectNative(st);
  }

  async close(): Promise<void> {
    this.#stop.abort();
    this.#contextDead?.();
    await this.#loop;
  }

  // ---- context lifecycle ----

  async #run(stop: AbortSignal): Promise<void> {
    const initial = this.opts.initialBackoffMs ?? 250;
    const max = this.opts.maxBackoffMs ?? 5000;
    const random = this.opts.random ?? Math.random;
    let backoff = initial;
    let announcedDown = false;
    while (!stop.aborted) {
      if (await this.#daemonAnswers()) {
        announcedDown = false;
        const healthy = await this.#runContext(stop);
        if (healthy) backoff = initial;
      } else if (!announcedDown) {
        announcedDown = true;
        this.#log.warn('pcsc.daemonUnreachable', { socket: this.#socketPath, retryInMs: backoff });
      }
      if (stop.aborted) break;
      try {
        await sleep(Math.round(backoff * (0.8 + random() * 0.4)), stop);
      } catch {
        break;
      }
      backoff = Math.min(backoff * 2, max);
    }
  }

  /** Probes pcscd's socket first: creating a context while pcscd is down spins inside the native module. */
  async #daemonAnswers(): Promise<boolean> {
    return (await pcscdUnreachable(this.#socketPath)) === undefined;
  }

  /** Runs one PC/SC context until it fails or we stop; true when it worked for a while. */
  async #runContext(stop: AbortSignal): Promise<boolean> {
    const started = Date.now();
    let context: NativeContext;
    try {
      context = loadPcsclite()();
    } catch (err) {
      this.#log.warn('pcsc.contextFailed', { error: errorText(err) });
      return false;
    }
    const dead = new Promise<void>((resolve) => (this.#contextDead = resolve));
    context.on('error', (err) => {
      // A context we closed may still report pcscd going away later: not news any more.
      if (stop.aborted) return;
      this.#log.warn('pcsc.contextError', { error: errorText(err) });
      this.#contextDead?.();
    });
    context.on('reader', (r) => this.#attach(r));
    this.#log.info('pcsc.contextUp', {});
    await dead;
    this.#contextDead = undefined;
    for (const name of [...this.#readers.keys()]) this.#detach(name, true);
    try {
      context.close();
    } catch (err) {
      this.#log.debug('pcsc.closeFailed', { error: errorText(err) });
    }
    if (!stop.aborted) this.#log.warn('pcsc.contextDown', { afterMs: Date.now() - started });
    return Date.now() - started > 2000;
  }

  #attach(r: NativeReader): void {
    const st: ReaderState = { native: r, present: false, atr: undefined, protocol: undefined };
    this.#readers.set(r.name, st);
    r.on('error', (err) => this.#log.warn('pcsc.readerError', { reader: r.name, error: errorText(err) }));
    r.on('end', () => this.#detach(r.name, false));
    r.on('status', (s) => {
      if (this.#readers.get(r.name) !== st) return;
      const present = (s.state & r.SCARD_STATE_PRESENT) !== 0 && (s.state & r.SCARD_STATE_MUTE) === 0;
      if (present === st.present) return;
      st.present = present;
      if (present) {
        st.atr = s.atr ? Uint8Array.from(s.atr) : new Uint8Array(0);
        this.#log.info('pcsc.cardInserted', { reader: r.name, atr: toHex(st.atr) });
        this.#events.emit('card', { reader: r.name, change: 'inserted', atr: st.atr });
      } else {
        st.atr = undefined;
        st.protocol = undefined;
        this.#log.info('pcsc.cardRemoved', { reader: r.name });
        this.#events.emit('card', { reader: r.name, change: 'removed' });
      }
    });
    this.#log.info('pcsc.readerAttached', { reader: r.name });
    this.#events.emit('reader', { reader: r.name, change: 'attached' });
  }

  #detach(name: string, closeNative: boolean): void {
    const st = this.#readers.get(name);
    if (!st) return;
    this.#readers.delete(name);
    if (st.present) this.#events.emit('card', { reader: name, change: 'removed' });
    if (closeNative) {
      try {
        st.native.close();
      } catch (err) {
        this.#log.debug('pcsc.readerCloseFailed', { reader: name, error: errorText(err) });
      }
    }
    this.#log.info('pcsc.readerDetached', { reader: name });
    this.#events.emit('reader', { reader: name, change: 'detached' });
  }

  // ---- calls ----

  #reader(name: string): ReaderState {
    const st = this.#readers.get(name);
    if (!st) throw new TransportClosedError(`reader "${name}" is not attached`);
    return st;
  }

  async #disconnectNative(st: ReaderState): Promise<void> {
    st.protocol = undefined;
    if (!st.native.connected) return;
    try {
      await this.#call<void>(undefined, 'disconnect', (cb) =>
        st.native.disconnect(st.native.SCARD_LEAVE_CARD, cb),
      );
    } catch (err) {
      // A handle to a card that already left cannot be released cleanly; the next connect makes a new one.
      this.#log.debug('pcsc.disconnectFailed', { reader: st.native.name, error: errorText(err) });
      st.native.connected = false;
    }
  }

  /** Wraps one native callback call: abortable wait, errors mapped out of the native vocabulary. */
  #call<T>(
    signal: AbortSignal | undefined,
    what: string,
    start: (cb: (err: unknown, value: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = () => reject(abortReason(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        start((err, value) => {
          signal?.removeEventListener('abort', onAbort);
          if (err) reject(this.#mapError(what, err));
          else resolve(value);
        });
      } catch (err) {
        signal?.removeEventListener('abort', onAbort);
        reject(this.#mapError(what, err));
      }
    });
  }

  #mapError(what: string, err: unknown): Error {
    const text = errorText(err);
    const m = /\(0x([0-9a-f]{8})\)/i.exec(text);
    const code = m ? parseInt(m[1]!, 16) : undefined;
    if (code !== undefined && CARD_GONE.has(code))
      return this.#noCard(what, 'cardRemoved', `the card left the reader during ${what}`, text);
    if (code !== undefined && LINK_GONE.has(code)) return new TransportClosedError(`pcsc ${what}: ${text}`);
    return new DeviceError(
      'hardware',
      `PC/SC ${what} failed: ${text}`,
      { deviceId: this.describe, command: what },
      {
        detail: 'pcscError',
        retryable: true,
      },
    );
  }

  #noCard(what: string, detail: 'cardRemoved' | 'cardAbsent', message: string, cause?: string): DeviceError {
    return new DeviceError('noMedia', message, { deviceId: this.describe, command: what }, { detail, cause });
  }
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

let native: (() => NativeContext) | undefined;
function loadPcsclite(): () => NativeContext {
  native ??= createRequire(import.meta.url)('@pokusew/pcsclite') as () => NativeContext;
  return native;
}
