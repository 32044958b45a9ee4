/** Why a transport closed. `requested`: our own close(); `disconnected`: the device or link went away; `error`: an I/O failure. */
export type CloseReason = 'requested' | 'disconnected' | 'error';

/**
 * A byte pipe to one device. Implementations: serial (serialport), memory pairs (tests and
 * simulators), HID (reports as messages) and TCP. Drivers receive a Transport and never know which.
 *
 * Contract for implementers:
 * - `open` resolves once bytes can flow; it rejects (and stays closed) when the device is absent.
 *   An aborted `signal` rejects with the signal's reason and leaves the transport closed.
 * - `write` resolves when the bytes were handed to the OS (or peer); it rejects if the transport
 *   is not open. Aborting `signal` stops waiting but cannot unsend bytes already handed over.
 * - `onData` listeners get chunks in arrival order. On a `stream` transport (serial, TCP) chunk
 *   boundaries mean nothing; on a `message` transport (HID) each chunk is one report.
 * - `onClose` fires exactly once per open, with the reason. After it, `write` rejects.
 * - `close` is idempotent and resolves when the underlying handle is released.
 */
export interface Transport {
  /** For logs, e.g. "serial:/dev/ttyUSB0@115200"; never contains personal data. */
  readonly describe: string;
  readonly framing: 'stream' | 'message';
  readonly isOpen: boolean;
  open(signal?: AbortSignal): Promise<void>;
  write(bytes: Uint8Array, signal?: AbortSignal): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onClose(listener: (reason: CloseReason, cause?: unknown) => void): () => void;
  close(): Promise<void>;
}

/** A transport whose line speed can be changed while open (serial). Used for baud probing. */
export interface ReconfigurableTransport extends Transport {
  readonly baudRate: number;
  setBaudRate(baudRate: number): Promise<void>;
}

export const isReconfigurable = (t: Transport): t is ReconfigurableTransport =>
  typeof (t as Partial<ReconfigurableTransport>).setBaudRate === 'function';

/**
 * A smart-card channel (PC/SC): APDU in, APDU out, plus reader and card presence events. It is not
 * a byte stream, so it has its own contract; the pcsc transport adapter implements it.
 */
export interface CardChannel {
  readonly describe: string;
  /** Reader names currently attached. */
  readers(): readonly string[];
  onReaderChange(listener: (event: { reader: string; change: 'attached' | 'detached' }) => void): () => void;
  onCardChange(
    listener: (event: { reader: string; change: 'inserted' | 'removed'; atr?: Uint8Array }) => void,
  ): () => void;
  /** Connects to the card in `reader`; resolves with its ATR. */
  connect(reader: string, signal?: AbortSignal): Promise<Uint8Array>;
  transmit(reader: string, apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;
  disconnect(reader: string): Promise<void>;
  close(): Promise<void>;
}
