import { Emitter, StatusCell, systemClock, type Clock, type Logger, type Transport } from '../core';
import type { HidScannerConfig } from './config';
import type { ScannerDetail, ScannerEvents } from './driver';
import { decodeScan, HidPosReassembler, symbologyFromAim } from './protocol';

/**
 * USB HID POS scanner (usage page 0x8C) over a message transport: every input report is one message;
 * scanned-data reports are parsed by the vendor profile and continued reports concatenated.
 */
export class HidScannerDriver {
  readonly events = new Emitter<ScannerEvents>();
  readonly status: StatusCell<ScannerDetail>;
  readonly #reassembler: HidPosReassembler;
  readonly #offData: () => void;
  readonly #offClose: () => void;
  #cancelStale: (() => void) | undefined;

  constructor(
    readonly id: string,
    transport: Transport,
    readonly config: HidScannerConfig,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    if (transport.framing !== 'message')
      throw new TypeError('a HID scanner needs a message (report) transport');
    this.status = new StatusCell<ScannerDetail>(
      id,
      'scanner',
      { kind: 'hid', configured: true, settingsApplied: null, scans: 0 },
      () => clock.now(),
    );
    this.#reassembler = new HidPosReassembler(config.profile);
    this.#offData = transport.onData((report) => this.#report(report));
    this.#offClose = transport.onClose(() => {
      this.#reassembler.reset();
      this.status.update({ health: 'noDevice' });
    });
    if (transport.isOpen) this.status.update({ health: 'online' });
  }

  /** Call after the transport (re)opened. */
  markOnline(): void {
    this.status.update({ health: 'online' });
  }

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
    const { text } = decodeScan(whole.data, { aimPrefix: false });
    const symbology = whole.aim ? symbologyFromAim(whole.aim) : 'unknown';
    this.status.update({ health: 'online', detail: { scans: this.status.current.detail.scans + 1 } });
    this.log.info('scanner.scan', { symbology, length: text.length });
    this.events.emit('scan', { text, symbology });
  }
}
