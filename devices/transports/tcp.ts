import { Socket } from 'node:net';
import { TransportClosedError, type CloseReason, type Transport } from '../core';

export interface TcpOptions {
  host: string;
  port: number;
  /** Connect timeout in ms (default 5000). */
  connectTimeoutMs?: number;
  /**
   * Custom dialer returning a connected socket, used instead of connecting to host:port directly,
   * e.g. a socket dialled inside another network namespace and handed over.
   */
  dial?: (signal?: AbortSignal) => Promise<Socket>;
}

/**
 * A TCP client connection as a stream Transport. Nagle is off: the peers we talk to (vpcd,
 * TCP-to-serial bridges) exchange small request/response messages, and Nagle plus delayed ACK
 * would add ~40 ms to each (toolchain §4).
 */
export class TcpTransport implements Transport {
  readonly framing = 'stream' as const;
  #socket: Socket | undefined;
  /** Set by close() so the resulting 'close' event reports `requested`. */
  #closing = false;
  readonly #data = new Set<(c: Uint8Array) => void>();
  readonly #close = new Set<(r: CloseReason, cause?: unknown) => void>();

  constructor(private readonly opts: TcpOptions) {}

  get describe(): string {
    return `tcp:${this.opts.host}:${this.opts.port}`;
  }

  get isOpen(): boolean {
    return this.#socket !== undefined;
  }

  async open(signal?: AbortSignal): Promise<void> {
    if (this.#socket) return;
    signal?.throwIfAborted();
    if (this.opts.dial) {
      const dialled = await this.opts.dial(signal);
      dialled.setNoDelay(true);
      this.#adopt(dialled);
      return;
    }
    const socket = new Socket();
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => {
        cleanup();
        socket.destroy();
        reject(err);
      };
      const onError = (err: Error) => fail(new TransportClosedError(`${this.describe}: ${err.message}`));
      const onAbort = () => fail(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      const timer = setTimeout(
        () => fail(new TransportClosedError(`${this.describe}: connect timed out`)),
        this.opts.connectTimeoutMs ?? 5000,
      );
      const cleanup = () => {
        clearTimeout(timer);
        socket.off('error', onError);
        signal?.removeEventListener('abort', onAbort);
      };
      socket.once('error', onError);
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.connect(this.opts.port, this.opts.host, () => {
        cleanup();
        resolve();
      });
    });
    this.#adopt(socket);
  }

  #adopt(socket: Socket): void {
    this.#socket = socket;
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (const l of [...this.#data]) l(bytes);
    });
    socket.on('error', (err) => {
      failure = err;
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      const reason: CloseReason = this.#closing ? 'requested' : failure ? 'error' : 'disconnected';
      this.#closing = false;
      for (const l of [...this.#close]) l(reason, failure);
    });
  }

  write(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.reject(new TransportClosedError(`${this.describe}: not open`));
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      socket.write(bytes, (err) => (err ? reject(new TransportClosedError(err.message)) : resolve()));
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.#data.add(listener);
    return () => this.#data.delete(listener);
  }

  onClose(listener: (reason: CloseReason, cause?: unknown) => void): () => void {
    this.#close.add(listener);
    return () => this.#close.delete(listener);
  }

  close(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.resolve();
    this.#closing = true;
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }
}
