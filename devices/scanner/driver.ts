import {
  abortReason,
  CommandQueue,
  deadline,
  DeadlineError,
  DeviceDriver,
  DeviceError,
  FrameAssembler,
  LinkSupervisor,
  silentLogger,
  systemClock,
  toDeviceError,
  toHex,
  TransportClosedError,
  type Clock,
  type Logger,
  type SupervisorOptions,
  type Transport,
} from '../core';
import type { SerialScannerConfig } from './config';
import { scannerManifest, type ScannerCounter } from './manifest';
import {
  decodeGm65Reply,
  decodeScan,
  ENCODING_FIELD,
  MODE_FIELD,
  MODE_VALUES,
  readField,
  readZones,
  saveZones,
  splitScans,
  TERMINATOR_FIELD,
  TERMINATOR_VALUES,
  writeField,
  writeZones,
  type Gm65Reply,
  type Symbology,
  type ZoneField,
} from './protocol';

export interface ScanEvent {
  text: string;
  symbology: Symbology;
}

export interface ScannerEvents extends Record<string, unknown> {
  scan: ScanEvent;
}

export interface ScannerDetail {
  kind: 'serial' | 'hid';
  configured: boolean;
  /**
   * Whether the module kept the settings written at start-up (read back after writing); false when
   * it acknowledged them and kept its own. Scans are read right either way. Null until configured.
   */
  settingsApplied: boolean | null;
  scans: number;
}

/** A serial scanner's settings and its identity (`new SerialScannerDriver(transport, config, log, clock)`). */
export type SerialScannerDriverConfig = SerialScannerConfig & {
  deviceId: string;
  /** Reopening after a pulled cable (start() only). */
  supervisor?: Partial<SupervisorOptions>;
};

/**
 * Serial GM65-style scanner: writes the zones it needs at start-up (read-modify-write, each write
 * acknowledged and then read back) and turns the raw byte stream into `scan` events, decoding
 * whatever arrives (UTF-8 or GB18030; CR, LF, CR LF or TAB), because a module may acknowledge its
 * settings and keep sending GBK with CR LF. Scan text may carry personal data (网证, names), so it is
 * never logged. `start()` keeps the link open and configures the module on every (re)open (it may
 * have been power-cycled); a technician's one-shot command calls `configure()` itself.
 */
export class SerialScannerDriver extends DeviceDriver<ScannerDetail, ScannerEvents, ScannerCounter> {
  readonly #queue: CommandQueue;
  readonly #offData: () => void;
  readonly #offClose: () => void;
  #reply: ((chunk: Uint8Array) => void) | undefined;
  #pending: Uint8Array = new Uint8Array(0);
  #cancelFlush: (() => void) | undefined;
  #supervisor: LinkSupervisor | undefined;

  constructor(
    private readonly transport: Transport,
    readonly config: SerialScannerDriverConfig,
    log: Logger = silentLogger,
    clock: Clock = systemClock,
  ) {
    super(
      scannerManifest,
      {
        deviceId: config.deviceId,
        detail: { kind: 'serial', configured: false, settingsApplied: null, scans: 0 },
        link: () => transport.describe,
        counters: scannerManifest.counters,
      },
      log,
      clock,
    );
    this.#queue = new CommandQueue({
      deviceId: config.deviceId,
      defaultTimeoutMs: config.replyTimeoutMs,
      clock,
    });
    this.#offData = transport.onData((chunk) => (this.#reply ? this.#reply(chunk) : this.#scanBytes(chunk)));
    // A scanner only talks when a code is presented, so a pulled cable is otherwise invisible: say so
    // at once. Reopening the link and configuring again brings it back online.
    this.#offClose = transport.onClose((reason) => {
      if (reason === 'requested') return;
      this.#stopFlush();
      this.#pending = new Uint8Array(0);
      this.counts.add('linkLosses');
      this.log.warn('scanner.linkLost', { reason });
      this.status.update({
        health: 'noDevice',
        detail: { configured: false },
        lastError: { code: 'notConnected', detail: 'linkClosed' },
      });
    });
  }

  get id(): string {
    return this.deviceId;
  }

  start(): void {
    if (this.#supervisor) return;
    this.#supervisor = new LinkSupervisor(
      this.transport,
      { initialBackoffMs: 500, maxBackoffMs: 10_000, debounceMs: 3_000, ...this.config.supervisor },
      this.log,
      async (signal) => {
        await this.configure(signal);
      },
      this.clock,
    );
    this.#supervisor.start();
  }

  /** Ends supervision and closes the link; the driver can be started again. */
  async stop(): Promise<void> {
    this.#stopFlush();
    const sup = this.#supervisor;
    this.#supervisor = undefined;
    if (sup) await sup.stop();
    else await this.transport.close();
  }

  /** The next code presented; `timeout`/`noScan` when none comes in `timeoutMs`. */
  nextScan(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<ScanEvent> {
    return nextScan(this, opts, this.clock);
  }

  /** Configures again and reports which settings the module did not keep (a self-test). */
  verifySettings(signal?: AbortSignal): Promise<{ notApplied: string[] }> {
    return this.configure(signal);
  }

  /** Stops listening to the transport for good (a driver that will not be started again). */
  dispose(): void {
    this.#offData();
    this.#offClose();
    this.#stopFlush();
  }

  #stopFlush(): void {
    this.#cancelFlush?.();
    this.#cancelFlush = undefined;
  }

  /**
   * Sets sensing mode, terminator and output encoding, each by read-modify-write of its zone, reads
   * every write back, and saves to flash when something changed. Health becomes `online` on success;
   * a module that acknowledged a setting but did not keep it still serves (detail
   * `settingsApplied: false`, logged with the fields it kept): its scans are decoded whatever they are.
   */
  async configure(signal?: AbortSignal): Promise<{ changedZones: number[]; notApplied: string[] }> {
    const wanted: [string, ZoneField, number][] = [
      ['mode', MODE_FIELD, MODE_VALUES[this.config.mode]],
      ['terminator', TERMINATOR_FIELD, TERMINATOR_VALUES[this.config.terminator]],
      ['encoding', ENCODING_FIELD, this.config.encodingValues[this.config.encoding]],
    ];
    const changedZones: number[] = [];
    const notApplied: string[] = [];
    try {
      for (const [name, field, value] of wanted) {
        const zone = await this.#readZone(field.address, signal);
        if (readField(zone, field) === value) continue;
        const next = writeField(zone, field, value);
        this.#expectOk(
          await this.#command('writeZone', writeZones(field.address, [next]), signal),
          'writeZone',
        );
        changedZones.push(field.address);
        const kept = await this.#readZone(field.address, signal);
        if (readField(kept, field) !== value) notApplied.push(name);
      }
      if (changedZones.length > 0 && this.config.saveToFlash)
        this.#expectOk(await this.#command('saveZones', saveZones(), signal), 'saveZones');
      this.counts.add('configurations');
    } catch (err) {
      const e = toDeviceError(err, { deviceId: this.id, command: 'configure' }, signal);
      if (e.code !== 'canceled')
        this.status.update({
          health: e.code === 'timeout' || e.code === 'notConnected' ? 'noDevice' : 'hardwareError',
          lastError: { code: e.code, ...(e.detail ? { detail: e.detail } : {}) },
        });
      throw e;
    }
    if (notApplied.length > 0) this.log.warn('scanner.settingsNotKept', { fields: notApplied });
    this.log.info('scanner.configured', { changedZones: changedZones.map((z) => `0x${z.toString(16)}`) });
    this.status.update({
      health: 'online',
      detail: { configured: true, settingsApplied: notApplied.length === 0 },
    });
    return { changedZones, notApplied };
  }

  async #readZone(address: number, signal: AbortSignal | undefined): Promise<number> {
    const [zone] = (await this.#command('readZone', readZones(address, 1), signal)).data;
    if (zone === undefined) throw this.#error('protocol', 'empty zone read reply', 'readZone', 'badReply');
    return zone;
  }

  #expectOk(reply: Gm65Reply, command: string): void {
    if (reply.data.length !== 1 || reply.data[0] !== 0x00)
      throw this.#error(
        'rejected',
        `the scanner refused ${command} (${toHex(reply.data)})`,
        command,
        'zoneWriteRejected',
      );
  }

  #command(name: string, frame: Uint8Array, signal: AbortSignal | undefined): Promise<Gm65Reply> {
    // A private relay keeps the caller's long-lived signal free of per-command listeners.
    const local = new AbortController();
    const relay = () => local.abort(signal?.reason);
    if (signal?.aborted) relay();
    else signal?.addEventListener('abort', relay, { once: true });
    return this.#queue
      .run(name, (s) => this.#exchange(frame, s), { signal: local.signal })
      .finally(() => signal?.removeEventListener('abort', relay));
  }

  #exchange(frame: Uint8Array, signal: AbortSignal): Promise<Gm65Reply> {
    this.log.debug('scanner.tx', { bytes: toHex(frame) });
    return new Promise<Gm65Reply>((resolve, reject) => {
      // A code presented while a command waits for its reply arrives before or after that reply,
      // never inside it: bytes ahead of the reply's start are scan data, not noise.
      const assembler = new FrameAssembler(decodeGm65Reply, (reason, bytes) => {
        if (reason === 'no-start') this.#scanBytes(bytes);
        else this.log.debug('scanner.rxSkipped', { reason, count: bytes.length });
      });
      const done = () => {
        this.#reply = undefined;
        offClose();
        signal.removeEventListener('abort', onAbort);
      };
      this.#reply = (chunk) => {
        const [reply] = assembler.push(chunk);
        if (!reply) return;
        done();
        resolve(reply);
      };
      const offClose = this.transport.onClose(() => {
        done();
        reject(new TransportClosedError('the scanner link closed'));
      });
      const onAbort = () => {
        done();
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.transport.write(frame, signal).catch((err: unknown) => {
        done();
        reject(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  #scanBytes(chunk: Uint8Array): void {
    const merged = new Uint8Array(this.#pending.length + chunk.length);
    merged.set(this.#pending);
    merged.set(chunk, this.#pending.length);
    const { scans, rest } = splitScans(merged);
    for (const s of scans) this.#emit(s);
    this.#pending = rest;
    this.#stopFlush();
    if (rest.length > 0)
      this.#cancelFlush = this.clock.setTimer(this.config.interByteTimeoutMs, () => {
        this.#cancelFlush = undefined;
        const bytes = this.#pending;
        this.#pending = new Uint8Array(0);
        if (this.config.terminator !== 'none')
          this.log.debug('scanner.terminatorTimeout', { count: bytes.length });
        this.#emit(bytes);
      });
  }

  #emit(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const { text, symbology, encoding } = decodeScan(bytes, { aimPrefix: this.config.aimPrefix });
    this.counts.add('scans');
    if (encoding !== 'utf8') this.counts.add('scansNotUtf8');
    this.status.update({ detail: { scans: this.status.current.detail.scans + 1 } });
    // The encoding it came in tells a technician that the module ignores its setting; the text stays out.
    this.log.info('scanner.scan', { symbology, length: text.length, encoding });
    this.events.emit('scan', { text, symbology });
  }

  #error(code: DeviceError['code'], message: string, command: string, detail: string): DeviceError {
    return new DeviceError(code, message, { deviceId: this.id, command }, { detail });
  }
}

/** Waits for the next `scan` of a scanner driver, as a DeviceError `timeout`/`noScan` after `timeoutMs`. */
export async function nextScan(
  driver: {
    readonly events: DeviceDriver<ScannerDetail, ScannerEvents>['events'];
    readonly deviceId: string;
  },
  opts: { timeoutMs: number; signal?: AbortSignal },
  clock: Clock,
): Promise<ScanEvent> {
  const limit = deadline(opts.timeoutMs, [opts.signal], clock);
  try {
    return await driver.events.next('scan', limit.signal);
  } catch (err) {
    if (limit.signal.reason instanceof DeadlineError && !opts.signal?.aborted)
      throw new DeviceError(
        'timeout',
        '未扫码 / no code was scanned in time',
        { deviceId: driver.deviceId, command: 'next' },
        { detail: 'noScan' },
      );
    throw toDeviceError(err, { deviceId: driver.deviceId, command: 'next' }, opts.signal);
  } finally {
    limit.dispose();
  }
}
