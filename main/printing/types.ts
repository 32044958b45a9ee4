/**
 * What main/printing tells its callers (the flow's print effects) about a printed thing, and the
 * small device interfaces it prints through. The device services (main/device-host) plug the real
 * drivers in; tests plug the simulators in.
 */
import type { DeviceStatus } from '../../devices/core';
import type { A4PrinterDetail, PrintOutcome } from '../../devices/a4-printer';
import type {
  PrinterDetail,
  PrintJob,
  PrintJobReason,
  PrintJobState,
  ReceiptDocument,
} from '../../devices/escpos-printer';

export type PrintKind = 'receipt' | 'a4';

/**
 * rendering → (queued | held) → printing → printed → taken | notTaken   (receipt)
 * rendering → (held) → printing → completed                            (A4)
 * any → failed | canceled. `held`: the printer stopped (paper out, cover open, offline …) or a
 * receipt was interrupted by a crash; it resumes when the printer is ready, or is given up.
 */
export type PrintState =
  | 'rendering'
  | 'queued'
  | 'held'
  | 'printing'
  | 'printed'
  | 'taken'
  | 'notTaken'
  | 'completed'
  | 'failed'
  | 'canceled';

export const FINAL_STATES: readonly PrintState[] = ['taken', 'notTaken', 'completed', 'failed', 'canceled'];

/**
 * Why a job is held or failed: the receipt driver's reasons (printer conditions, the link,
 * `interrupted` by a host that stopped mid-receipt, `invalidDocument`), and the A4 path's own:
 * `renderFailed` (the renderer failed the document, or crashed on it twice), `jobAborted` and
 * `jobCanceled` (at the spooler).
 */
export type PrintReason = PrintJobReason | 'renderFailed' | 'jobAborted' | 'jobCanceled';

export interface PrintStatus {
  key: string;
  kind: PrintKind;
  state: PrintState;
  reason?: PrintReason;
  /** The device's job: the receipt driver's job id, or the spooler's (e.g. KioskA4-42). */
  jobId?: string;
  /** True when this key had already been printed before this call: nothing was printed again. */
  reused: boolean;
  final: boolean;
  /** While held: when the module gives the job up (epoch ms). */
  giveUpAt?: number;
  updatedAt: number;
}

/** Follows one printed thing to its physical outcome. */
export interface PrintHandle {
  readonly key: string;
  readonly kind: PrintKind;
  status(): PrintStatus;
  /** Called on every change; returns the unsubscribe function. */
  onChange(listener: (s: PrintStatus) => void): () => void;
  /** The first status in one of `states` (at once if it is there already, or if the job ended elsewhere). */
  until(states: readonly PrintState[], signal?: AbortSignal): Promise<PrintStatus>;
  /** The final status: taken / notTaken / printed-and-final, completed, failed or canceled. */
  done(signal?: AbortSignal): Promise<PrintStatus>;
  /** A held job: try now (an interrupted receipt prints again with the 重打 REPRINT banner). */
  resume(): void;
  /** Gives the job up: nothing comes out of the printer for it later. */
  cancel(): void;
}

/**
 * The receipt printer as main/printing uses it: the device service's commands
 * (main/device-host ReceiptPrinterCommands), or receiptPrinterFrom(driver) over a bare driver.
 */
export interface ReceiptPrinter {
  /** True on models with a presenter sensor: `printed` is followed by `taken` or `notTaken`. */
  readonly knowsTaken: boolean;
  refreshStatus(signal?: AbortSignal): Promise<DeviceStatus<PrinterDetail>>;
  submit: (doc: ReceiptDocument, options: { key: string }) => PrintJob;
  job(id: string): PrintJob | undefined;
  resume(id: string): PrintJob;
  cancel(id: string): PrintJob;
  onJob(listener: (job: PrintJob) => void): () => void;
}

/**
 * The A4 printer behind the OS spooler as main/printing uses it: the device service's commands
 * (main/device-host A4PrinterCommands), or a4PrinterFrom(driver) over a bare A4PrinterDriver.
 */
export interface A4Printer {
  refreshStatus(signal?: AbortSignal): Promise<DeviceStatus<A4PrinterDetail>>;
  /**
   * Resolves once the spooler reports the job completed; throws DeviceError otherwise. Same key,
   * same job. (A property, so a driver with another request shape is a type error, not a silent match.)
   */
  print: (
    pdf: Uint8Array,
    req: { title: string; key: string; signal?: AbortSignal },
  ) => Promise<PrintOutcome>;
}

export type { PrintJob, PrintJobState };

/** Time as main/printing sees it; tests pass a clock they move by hand. */
export interface PrintClock {
  now(): number;
  /** Resolves after `ms`, rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
