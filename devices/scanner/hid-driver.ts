import {
  DeviceDriver,
  LinkSupervisor,
  silentLogger,
  systemClock,
  type Clock,
  type Logger,
  type SupervisorOptions,
  type Transport,
} from '../core';
import type { HidScannerConfig } from './config';
import { nextScan, type ScanEvent, type ScannerDetail, type ScannerEvents } from './driver';
import { scannerManifest, type ScannerCounter } from './manifest';
import { decodeScan, HidPosReassembler, symbologyFromAim } from './protocol';

/** A HID POS scanner's report layout and its identity (`new HidScannerDriver(transport, config, log, clock)`). */
export type HidScannerDriverConfig = HidScannerConfig & {
  deviceId: string;
  /** Reopening after the scanner was unplugged (start() only). */
  supervisor?: Partial<SupervisorOptions>;
};

/**
 * USB HID POS scanner (usage page 0x8C) over a message transport: every input report is one message;
 * scanned-data reports are parsed by the vendor profile and continued reports concatenated.
 * `start()` keeps the device open (it comes back after a replug).
 */
export class HidScannerDriver extends DeviceDriver<ScannerDetail, ScannerEvents, ScannerCounter> {
  readonly #reassembler: HidPosReassembler;
  readonly #offData: () => void;
  readonly #offClose: () => void;
  #cancelStale: (() => void) | undefined;
  #supervisor: LinkSupervisor | undefined;

  constructor(
    private readonly transport: Transport,
    readonly config: HidScannerDriverConfig,
    log: Logger = silentLogger,
    clock: Clock = systemClock,
  ) {
    if (transport.framing !== 'message')
      throw new TypeError('a HID scanner needs a message (report) transport');
    super(
      scannerManifest,
      {
        deviceId: config.deviceId,
        detail: { kind: 'hid', configured: true, settingsApplied: null, scans: 0 },
        link: () => transport.describe,
        counters: scannerManifest.counters,
      },
      log,
      clock,
    );
    this.#reassembler = new HidPosReassembler(config.profile);
    this.#offData = transport.onData((report) => this.#report(report));
    this.#offClose = transport.onClose((reason) => {
      this.#reassembler.reset();
      if (reason !== 'requested') this.counts.add('linkLosses');
      this.status.update({ health: 'noDevice' });
    });
    if (transport.isOpen) this.status.update({ health: 'online' });
  }

  start(): void {
    if (this.#supervisor) return;
    this.#supervisor = new LinkSupervisor(
      this.transport,
      { initialBackoffMs: 500, maxBackoffMs: 10_000, debounceMs: 3_000, ...this.config.supervisor },
      this.log,
      () => Promise.resolve(this.status.update({ health: 'online' })),
      this.clock,
    );
    this.#supervisor.start();
  }

  async stop(): Promise<void> {
    this.#cancelStale?.();
    const sup = this.#supervisor;
    this.#supervisor = undefined;
    if (sup) await sup.stop();
    else await this.transport.close();
  }

  nextScan(opts: { timeoutMs: number; signal?: AbortSignal }): Promise<ScanEvent> {
    return nextScan(this, opts, this.clock);
  }

  /** Stops listening to the transport for good. */
  dispose(): void {
    this.#offData();
    this.#offClose();
    this.#cancelStale?.();
  }

  #report(report: Uint8Array): void {
    this.#cancelStale?.();
    this.#cancelStale = undefined;
    const whole = this.#reassembler.push(report);
    if (!whole) {
      if (this.#reassembler.pending)
        this.#cancelStale = this.clock.setTimer(this.config.continuationTimeoutMs, () => {
          this.#cancelStale = undefined;
          this.log.warn('scanner.hidContinuationLost', {});
          this.#reassembler.reset();
        });
      return;
    }
    const { text, encoding } = decodeScan(whole.data, { aimPrefix: false });
    const symbology = whole.aim ? symbologyFromAim(whole.aim) : 'unknown';
    this.counts.add('scans');
    if (encoding !== 'utf8') this.counts.add('scansNotUtf8');
    this.status.update({ health: 'online', detail: { scans: this.status.current.detail.scans + 1 } });
    this.log.info('scanner.scan', { symbology, length: text.length, encoding });
    this.events.emit('scan', { text, symbology });
  }
}
