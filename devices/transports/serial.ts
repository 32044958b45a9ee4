import { SerialPort } from 'serialport';
import {
  PortUnavailableError,
  TransportClosedError,
  type CloseReason,
  type ReconfigurableTransport,
} from '../core';

export interface SerialOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /** RS-485 adapters that need RTS toggling do it in hardware on the boards we support. */
  rtscts?: boolean;
}

/** A serial port (RS-232, USB-CDC, RS-485 adapter, or a pty) through the `serialport` package. */
export class SerialTransport implements ReconfigurableTransport {
  readonly framing = 'stream' as const;
  #port: SerialPort | undefined;
  /** Set by close(): only then is a close `requested`. */
  #closeRequested = false;
  #baud: number;
  readonly #data = new Set<(c: Uint8Array) => void>();
  readonly #close = new Set<(r: CloseReason, cause?: unknown) => void>();

  constructor(private readonly opts: SerialOptions) {
    this.#baud = opts.baudRate;
  }

  get describe(): string {
    return `serial:${this.opts.path}@${this.#baud}`;
  }

  get baudRate(): number {
    return this.#baud;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  async open(signal?: AbortSignal): Promise<void> {
    if (this.#port?.isOpen) return;
    signal?.throwIfAborted();
    const port = new SerialPort({
      path: this.opts.path,
      baudRate: this.#baud,
      dataBits: this.opts.dataBits ?? 8,
      parity: this.opts.parity ?? 'none',
      stopBits: this.opts.stopBits ?? 1,
      rtscts: this.opts.rtscts ?? false,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((err) => (err ? reject(portUnavailable(this.opts.path, err)) : resolve())),
    );
    if (signal?.aborted) {
      await closePort(port);
      signal.throwIfAborted();
    }
    this.#port = port;
    this.#closeRequested = false;
    let lastError: Error | undefined;
    port.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (const l of [...this.#data]) l(bytes);
    });
    // serialport emits 'close' with an error carrying `disconnected: true` when the device vanishes.
    // A write that fails as the device vanishes destroys the stream first, and Node emits a bare
    // 'close' for that: without our own close() that is a disconnect too, never `requested`.
    port.on('close', (err?: Error & { disconnected?: boolean }) => {
      if (this.#port !== port) return;
      this.#port = undefined;
      const reason: CloseReason = this.#closeRequested
        ? 'requested'
        : !err || err.disconnected
          ? 'disconnected'
          : 'error';
      for (const l of [...this.#close]) l(reason, err ?? lastError);
    });
    // A read or write error on a vanished pty/USB device arrives as 'error'; serialport then closes.
    port.on('error', (e: Error) => (lastError = e));
  }

  write(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return Promise.reject(new TransportClosedError(`${this.describe}: not open`));
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      // serialport's drain() on a port that has closed waits for the port to open again, which a
      // vanished device never does: the write would never settle. A close ends it as a failure.
      const closed = () => finish(new Error('port closed'));
      const finish = (err?: Error | null) => {
        port.off('close', closed);
        if (err) reject(new TransportClosedError(`${this.describe}: ${err.message}`));
        else resolve();
      };
      port.once('close', closed);
      port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (err) => {
        if (err) return finish(err);
        if (!port.isOpen) return finish(new Error('port closed'));
        port.drain((e) => finish(e));
      });
    });
  }

  async setBaudRate(baudRate: number): Promise<void> {
    this.#baud = baudRate;
    const port = this.#port;
    if (port?.isOpen)
      await new Promise<void>((res, rej) => port.update({ baudRate }, (e) => (e ? rej(e) : res())));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.#data.add(listener);
    return () => this.#data.delete(listener);
  }

  onClose(listener: (reason: CloseReason, cause?: unknown) => void): () => void {
    this.#close.add(listener);
    return () => this.#close.delete(listener);
  }

  async close(): Promise<void> {
    const port = this.#port;
    if (!port) return;
    this.#closeRequested = true;
    await closePort(port);
  }
}

/**
 * serialport words open failures as "Error: No such file or directory, cannot open /dev/ttyUSB9":
 * keep the OS's reason only, so a log line or a CLI answer never reads "Error: Error: …".
 */
export function portUnavailable(path: string, err: Error): PortUnavailableError {
  const reason =
    err.message
      .replace(/^(Error:\s*)+/, '')
      .replace(/,\s*cannot open .*$/, '')
      .trim() || 'unknown error';
  const hint = /permission denied/i.test(reason)
    ? ' (the kiosk user must be in the group that owns the port: build/linux/99-yizhan.rules)'
    : '';
  return new PortUnavailableError(`serial port ${path}`, `${reason}${hint}`, { cause: err });
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}
