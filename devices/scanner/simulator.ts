import {
  FrameAssembler,
  pacedWrite,
  silentLogger,
  sleep,
  systemClock,
  toHex,
  type Clock,
  type Logger,
  type Transport,
} from '../core';
import {
  decodeGm65Command,
  DEFAULT_ENCODING_VALUES,
  ENCODING_FIELD,
  encodeGm65Reply,
  encodeScanText,
  GM65_OK,
  readField,
  TERMINATOR_BYTES,
  TERMINATOR_FIELD,
  TERMINATOR_VALUES,
  type Gm65Command,
  type OutputEncoding,
  type Terminator,
} from './protocol';

export interface ScannerSimulatorOptions {
  baudRate?: number;
  /** Prefix scans with their AIM identifier (a setup-barcode setting on real modules). */
  aimPrefix?: boolean;
  /** Zone values at power-on; unspecified zones are 0. */
  zones?: Record<number, number>;
  encodingValues?: Record<OutputEncoding, number>;
  replyDelayMs?: number;
  /** Time for the reply delay and the pacing (the system clock by default). */
  clock?: Clock;
}

/**
 * Factory zones of the simulated module: sensing off (manual), GBK, CR terminator, with unrelated bits
 * set so that a driver which overwrites whole zones instead of its own bits is caught.
 */
export const SIMULATOR_FACTORY_ZONES: Record<number, number> = {
  0x0000: 0b1101_0100,
  0x000d: 0b0011_0001,
  0x0060: 0b1000_0001,
};

/**
 * A GM65-style serial scanner at the far end of a Transport: answers zone reads, writes and saves with
 * the module's replies, and sends scans on demand as raw bytes in the configured encoding plus the
 * configured terminator, paced at the baud rate.
 */
export class ScannerSimulator {
  readonly zones = new Uint8Array(0x100);
  readonly flash = new Uint8Array(0x100);
  readonly commands: Gm65Command[] = [];
  /** Fault: the module answers nothing (wrong baud rate, keyboard-wedge mode, unplugged). */
  silent = false;
  /** Fault: zone writes answer with a non-zero status. */
  rejectWrites = false;
  readonly #offData: () => void;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly wire: Transport,
    private readonly opts: ScannerSimulatorOptions = {},
    private readonly log: Logger = silentLogger,
  ) {
    for (const [addr, v] of Object.entries(opts.zones ?? SIMULATOR_FACTORY_ZONES))
      this.zones[Number(addr)] = v;
    this.flash.set(this.zones);
    const assembler = new FrameAssembler(decodeGm65Command, (reason, bytes) =>
      this.log.debug('scannerSim.skipped', { reason, bytes: toHex(bytes) }),
    );
    this.#offData = wire.onData((chunk) => {
      for (const cmd of assembler.push(chunk))
        void this.#enqueue(() => this.#answer(cmd)).catch(() => undefined);
    });
  }

  dispose(): void {
    this.#offData();
  }

  get encoding(): OutputEncoding {
    const values = this.opts.encodingValues ?? DEFAULT_ENCODING_VALUES;
    return readField(this.zones[ENCODING_FIELD.address]!, ENCODING_FIELD) === values.utf8 ? 'utf8' : 'gbk';
  }

  get terminator(): Terminator {
    const v = readField(this.zones[TERMINATOR_FIELD.address]!, TERMINATOR_FIELD);
    return (Object.keys(TERMINATOR_VALUES) as Terminator[]).find((k) => TERMINATOR_VALUES[k] === v) ?? 'cr';
  }

  /** A code is presented: sends [AIM id] + text in the current encoding + terminator. */
  scan(text: string, opts: { aim?: string } = {}): Promise<void> {
    const aim = this.opts.aimPrefix ? new TextEncoder().encode(opts.aim ?? ']Q1') : new Uint8Array(0);
    const body = encodeScanText(text, this.encoding);
    const term = TERMINATOR_BYTES[this.terminator];
    const bytes = new Uint8Array(aim.length + body.length + term.length);
    bytes.set(aim);
    bytes.set(body, aim.length);
    bytes.set(term, aim.length + body.length);
    return this.#enqueue(() => this.#send(bytes));
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(task);
    this.#chain = run.catch((err: unknown) => this.log.warn('scannerSim.failed', { error: String(err) }));
    return run;
  }

  #send(bytes: Uint8Array): Promise<void> {
    return pacedWrite(this.wire, bytes, this.opts.baudRate ?? 9600, {
      clock: this.opts.clock ?? systemClock,
    });
  }

  async #answer(cmd: Gm65Command): Promise<void> {
    this.commands.push(cmd);
    if (this.silent) return;
    let reply: Uint8Array;
    switch (cmd.type) {
      case 'read': {
        const count = cmd.data[0] ?? 1;
        reply = encodeGm65Reply(this.zones.subarray(cmd.address, cmd.address + count));
        break;
      }
      case 'write':
        if (this.rejectWrites) {
          reply = encodeGm65Reply([0x01]);
          break;
        }
        this.zones.set(cmd.data, cmd.address);
        reply = GM65_OK;
        break;
      case 'save':
        this.flash.set(this.zones);
        reply = GM65_OK;
        break;
    }
    await sleep(this.opts.replyDelayMs ?? 2, undefined, this.opts.clock ?? systemClock);
    await this.#send(reply);
  }
}
