import iconv from 'iconv-lite';
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
import { decodeGm65Command, encodeGm65Reply, GM65_OK, type Gm65Command } from './protocol';
import {
  moduleEncoding,
  moduleMode,
  moduleTerminator,
  terminatorBytes,
  type ModuleEncoding,
  type ModuleMode,
  type ModuleTerminator,
} from './simulator/module';

export interface ScannerSimulatorOptions {
  baudRate?: number;
  /** Prefix scans with their AIM identifier (a setup-barcode setting on real modules). */
  aimPrefix?: boolean;
  /** Zone values at power-on; unspecified zones are 0. */
  zones?: Record<number, number>;
  /** The zone 0x000D field value that selects UTF-8 on this module (01 unless told). */
  utf8Value?: number;
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
  /** Fault: zone writes are acknowledged but not kept (a read-back shows the old value). */
  ignoresSettings = false;
  /** Fault: the module sends codes this way whatever its zones say (a firmware that ignores them). */
  sendsAs: { encoding?: ModuleEncoding; terminator?: ModuleTerminator } = {};
  readonly #offData: () => void;
  readonly #onCommand = new Set<(cmd: Gm65Command) => void>();
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

  /** Back to the factory zones, in memory and in flash (a module swapped for a new one). */
  factoryReset(): void {
    this.zones.fill(0);
    for (const [addr, v] of Object.entries(this.opts.zones ?? SIMULATOR_FACTORY_ZONES))
      this.zones[Number(addr)] = v;
    this.flash.set(this.zones);
  }

  /** Scanning mode as set in zone 0x0000. */
  get mode(): ModuleMode {
    return moduleMode(this.zones[0x0000]!);
  }

  /** Output encoding as set in zone 0x000D (what `scan` sends unless `sendsAs` overrides it). */
  get encoding(): ModuleEncoding {
    return moduleEncoding(this.zones[0x000d]!, this.opts.utf8Value);
  }

  /** Terminator as set in zone 0x0060. */
  get terminator(): ModuleTerminator {
    return moduleTerminator(this.zones[0x0060]!);
  }

  /** A code is presented: sends [AIM id] + text in the module's encoding + its terminator. */
  scan(text: string, opts: { aim?: string } = {}): Promise<void> {
    const aim = this.opts.aimPrefix ? [...new TextEncoder().encode(opts.aim ?? ']Q1')] : [];
    const body = [...iconv.encode(text, this.sendsAs.encoding ?? this.encoding)];
    const term = terminatorBytes(this.sendsAs.terminator ?? this.terminator);
    return this.#enqueue(() => this.#send(Uint8Array.from([...aim, ...body, ...term])));
  }

  /** Sends raw bytes as the module would (a code in an encoding of the test's own making). */
  send(bytes: Uint8Array): Promise<void> {
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

  /** Called for every command the host sends, as it arrives. */
  onCommand(listener: (cmd: Gm65Command) => void): () => void {
    this.#onCommand.add(listener);
    return () => this.#onCommand.delete(listener);
  }

  async #answer(cmd: Gm65Command): Promise<void> {
    this.commands.push(cmd);
    for (const l of [...this.#onCommand]) l(cmd);
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
        if (!this.ignoresSettings) this.zones.set(cmd.data, cmd.address);
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
