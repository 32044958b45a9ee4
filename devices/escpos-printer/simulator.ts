/**
 * A virtual ESC/POS receipt printer on the far end of a Transport. It consumes the byte stream at
 * the configured baud rate (a pty forwards instantly; a UART does not), interprets it with the
 * simulator's own ESC/POS interpreter, answers DLE EOT 1–4 in real time, sends Automatic Status
 * Back when enabled, and renders every finished receipt to a PNG and a transcript. Faults can be
 * switched at run time: paper near end, paper out after N bytes of a job, cover open, offline, a
 * receipt left in the presenter.
 */
import {
  sleep,
  silentLogger,
  systemClock,
  wireTimeMs,
  type Clock,
  type Logger,
  type Transport,
} from '../core';
import type { GlyphRasterizer, PrinterProfile, StatusQuery } from './protocol';
import { EscPosInterpreter, type PrintedItem } from './simulator/interpreter';
import { dleEotReply, hasPresenter } from './simulator/status-model';
import { bitmapToPng, renderPage, transcriptOf } from './simulator/render';

export interface PrinterFaults {
  paperNearEnd: boolean;
  /** The paper runs out after this many bytes of the next job; the rest of that job is discarded. */
  paperOutMidJob: { afterBytes: number } | null;
  paperOut: boolean;
  coverOpen: boolean;
  offline: boolean;
  cutterError: boolean;
  /** Receipts stay in the presenter until `takeReceipt()` (profiles with a presenter sensor). */
  notTaken: boolean;
}

export interface SimulatedReceipt {
  /** 1-based, in print order. */
  index: number;
  items: PrintedItem[];
  transcript: string;
  /** The printed receipt as a PNG, rendered on first access. */
  readonly png: Uint8Array;
  /** True when paper ran out (or the cover opened) before the receipt was cut. */
  interrupted: boolean;
}

export interface SimulatorOptions {
  profile: PrinterProfile;
  glyphs: GlyphRasterizer;
  /** Line speed to model; 0 processes bytes as fast as they arrive. */
  baudRate: number;
  /** A printer without a cutter finishes a receipt after this much idle time. */
  idleFinishMs?: number;
  log?: Logger;
  /** Time for the modelled line speed and the idle finish (the system clock by default). */
  clock?: Clock;
}

const NO_FAULTS: PrinterFaults = {
  paperNearEnd: false,
  paperOutMidJob: null,
  paperOut: false,
  coverOpen: false,
  offline: false,
  cutterError: false,
  notTaken: false,
};

export class EscposPrinterSimulator {
  readonly receipts: SimulatedReceipt[] = [];
  /**
   * Real-time command sequences seen inside raster data (a status poll sent mid-image, or image
   * bytes that look like one). A real printer may answer or act on them; a correct host makes none.
   */
  realtimeInsideData = 0;
  #faults: PrinterFaults = { ...NO_FAULTS };
  #interpreter: EscPosInterpreter;
  #page: PrintedItem[] = [];
  #jobBytes = 0;
  #receiptInPresenter = false;
  #asbMask = 0;
  #lastAsb = '';
  #queue: Uint8Array[] = [];
  #pumping = false;
  #due = 0;
  #dleState = 0;
  #replies: Promise<void> = Promise.resolve();
  #cancelIdle: (() => void) | undefined;
  readonly #listeners = new Set<(r: SimulatedReceipt) => void>();
  readonly #offData: () => void;
  readonly #log: Logger;
  readonly #clock: Clock;

  constructor(
    private readonly wire: Transport,
    private readonly opts: SimulatorOptions,
  ) {
    this.#log = opts.log ?? silentLogger;
    this.#clock = opts.clock ?? systemClock;
    this.#interpreter = new EscPosInterpreter(opts.profile.encoding);
    this.#offData = wire.onData((chunk) => {
      this.#queue.push(chunk.slice());
      void this.#pump();
    });
  }

  get faults(): Readonly<PrinterFaults> {
    return this.#faults;
  }

  get receiptInPresenter(): boolean {
    return this.#receiptInPresenter;
  }

  /** Changes faults at run time; clearing paper out / cover open / offline / cutter error resumes printing with a clean parser. */
  setFaults(patch: Partial<PrinterFaults>): void {
    const wasStopped = this.#stopped();
    this.#faults = { ...this.#faults, ...patch };
    if (wasStopped && !this.#stopped()) this.#interpreter = new EscPosInterpreter(this.opts.profile.encoding);
    this.#statusChanged();
  }

  /** The customer takes the receipt out of the presenter. */
  takeReceipt(): void {
    this.#receiptInPresenter = false;
    this.#statusChanged();
  }

  onReceipt(listener: (r: SimulatedReceipt) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    this.#offData();
    this.#cancelIdle?.();
    this.#queue = [];
  }

  /**
   * The DLE EOT n reply byte for the current state, from the simulator's own reading of the vendor
   * documents (simulator/status-model.ts), not from the driver's table.
   */
  statusByte(n: StatusQuery): number {
    const f = this.#faults;
    return dleEotReply(
      n,
      {
        stopped: this.#stopped(),
        coverOpen: f.coverOpen,
        paperOut: f.paperOut,
        paperNearEnd: f.paperNearEnd,
        cutterError: f.cutterError,
        receiptInPresenter: this.#receiptInPresenter,
      },
      this.opts.profile.name,
    );
  }

  /** Paper out, cover open, offline and an autocutter error stop printing: the printer goes offline (DLE EOT 1 bit 3). */
  #stopped(): boolean {
    const f = this.#faults;
    return f.paperOut || f.coverOpen || f.offline || f.cutterError;
  }

  #asbFrame(): Uint8Array {
    const f = this.#faults;
    return Uint8Array.of(
      0x10 | (this.#stopped() ? 0x08 : 0) | (f.coverOpen ? 0x20 : 0),
      f.cutterError ? 0x08 : 0,
      (f.paperNearEnd ? 0x03 : 0) | (f.paperOut ? 0x0c : 0),
      0x00,
    );
  }

  /** ASB reports changes only; the first frame after GS a is sent unconditionally. */
  #statusChanged(): void {
    if (this.#asbMask === 0) return;
    const frame = this.#asbFrame();
    const key = frame.join(',');
    if (key === this.#lastAsb) return;
    this.#lastAsb = key;
    this.#reply(frame);
  }

  #reply(bytes: Uint8Array): void {
    this.#replies = this.#replies.then(async () => {
      if (!this.wire.isOpen) return;
      try {
        await this.wire.write(bytes);
        if (this.opts.baudRate > 0)
          await sleep(wireTimeMs(bytes.length, this.opts.baudRate), undefined, this.#clock);
      } catch (err) {
        this.#log.warn('printerSim.replyFailed', { error: String(err) });
      }
    });
  }

  /** Consumes queued bytes no faster than the modelled UART. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length) {
        const chunk = this.#queue.shift()!;
        for (let off = 0; off < chunk.length; off += 64) {
          const piece = chunk.subarray(off, off + 64);
          if (this.opts.baudRate > 0) {
            const now = this.#clock.monotonic();
            this.#due = Math.max(this.#due, now) + wireTimeMs(piece.length, this.opts.baudRate);
            if (this.#due - now > 1) await sleep(this.#due - now, undefined, this.#clock);
          }
          this.#consume(piece);
        }
      }
    } finally {
      this.#pumping = false;
    }
  }

  #consume(piece: Uint8Array): void {
    let bytes = piece;
    const outAfter = this.#faults.paperOutMidJob;
    if (!this.#stopped() && outAfter && this.#jobBytes + bytes.length > outAfter.afterBytes) {
      const printable = Math.max(0, outAfter.afterBytes - this.#jobBytes);
      this.#interpret(bytes.subarray(0, printable));
      bytes = bytes.subarray(printable);
      this.#log.info('printerSim.paperOut', { afterBytes: outAfter.afterBytes });
      this.#finishPage(true);
      this.setFaults({ paperOut: true, paperOutMidJob: null });
    }
    if (this.#stopped()) this.#discard(bytes);
    else this.#interpret(bytes);
  }

  /** While stopped a printer drops data but still answers real-time requests (DLE EOT n). */
  #discard(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (this.#dleState === 2 && b >= 1 && b <= 4)
        this.#reply(Uint8Array.of(this.statusByte(b as StatusQuery)));
      this.#dleState = this.#dleState === 0 && b === 0x10 ? 1 : this.#dleState === 1 && b === 0x04 ? 2 : 0;
    }
  }

  #interpret(bytes: Uint8Array): void {
    if (!bytes.length) return;
    this.#jobBytes += bytes.length;
    for (const ev of this.#interpreter.push(bytes)) {
      switch (ev.kind) {
        case 'realtimeStatus':
          this.#reply(Uint8Array.of(this.statusByte(ev.n)));
          break;
        case 'statusBack':
          this.#asbMask = ev.mask;
          this.#lastAsb = '';
          this.#statusChanged();
          break;
        case 'initialize':
          if (this.#page.length) this.#finishPage(false);
          this.#jobBytes = bytes.length;
          break;
        case 'item':
          this.#page.push(ev.item);
          if (ev.item.kind === 'cut') this.#finishPage(false);
          else this.#armIdleFinish();
          break;
        case 'unknown':
          this.#log.debug('printerSim.unknownCommand', { bytes: ev.bytes.length });
          break;
        case 'realtimeInData':
          this.realtimeInsideData += ev.count;
          this.#log.warn('printerSim.realtimeInsideData', { count: ev.count });
          break;
      }
    }
  }

  #armIdleFinish(): void {
    if (this.opts.profile.cutter !== 'none') return;
    this.#cancelIdle?.();
    this.#cancelIdle = this.#clock.setTimer(this.opts.idleFinishMs ?? 500, () => {
      if (this.#page.length) this.#finishPage(false);
    });
  }

  #finishPage(interrupted: boolean): void {
    this.#cancelIdle?.();
    const items = this.#page;
    this.#page = [];
    this.#jobBytes = 0;
    if (!items.length) return;
    const { profile, glyphs } = this.opts;
    let png: Uint8Array | undefined;
    const receipt: SimulatedReceipt = {
      index: this.receipts.length + 1,
      items,
      transcript: transcriptOf(items, profile.columns),
      // Drawn on first use: rendering blocks for a while and must not delay real-time replies.
      get png() {
        return (png ??= bitmapToPng(renderPage(items, profile, glyphs)));
      },
      interrupted,
    };
    this.receipts.push(receipt);
    if (!interrupted && hasPresenter(profile.name) && this.#faults.notTaken) {
      this.#receiptInPresenter = true;
      this.#statusChanged();
    }
    this.#log.info('printerSim.receipt', { index: receipt.index, interrupted });
    for (const l of this.#listeners) l(receipt);
  }
}
