/**
 * The host's printing module: what the journeys call to print. One idempotency key per printed
 * thing (a receipt, a certificate): asking again with the same key, in this process or after a
 * crash, returns the job that key already has and never prints it twice.
 */
import { silentLogger, sleep, type Logger } from '../../devices/core';
import type { ReceiptDocument } from '../../devices/escpos-printer';
import { DEFAULT_TIME_ZONE, type TimeLocale } from '../../domain/time';
import { TEMPLATE_CATALOG } from '../../print-templates/catalog';
import { RECEIPT_TEMPLATES, renderReceipt, TemplateDataError } from '../../print-templates/receipts';
import { runA4Job } from './documents';
import { JobHandle } from './handle';
import { PrintKeyConflict, type PrintJournalStore } from './journal';
import { startReceiptJob } from './receipts';
import { A4Renderer } from './renderer';
import type { A4Printer, PrintClock, PrintHandle, ReceiptPrinter } from './types';

export interface PrintingOptions {
  journal: PrintJournalStore;
  receiptPrinter?: ReceiptPrinter | undefined;
  a4Printer?: A4Printer | undefined;
  /** Default: a warm worker_threads renderer. */
  renderer?: A4Renderer;
  /** The site's zone for every printed time (domain/time); default Beijing time. */
  timeZone?: string;
  log?: Logger;
  clock?: PrintClock;
  /** How long a held job waits for the printer (or the caller) before it is given up; default 3 min. */
  holdTimeoutMs?: number;
  /** How long a printed receipt may wait in the presenter before it is `notTaken`; default 60 s. */
  takeTimeoutMs?: number;
  /** How often a held job asks the printer whether it is ready again; default 1 s. */
  pollMs?: number;
}

/** Keys end up in spooler job names and logs: short, printable, no personal data, no brackets. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export class InvalidPrintKey extends Error {
  override readonly name = 'InvalidPrintKey';
}

export class NoPrinter extends Error {
  override readonly name = 'NoPrinter';
  constructor(readonly kind: 'receipt' | 'a4') {
    super(`this kiosk has no ${kind === 'a4' ? 'A4' : 'receipt'} printer`);
  }
}

const MAX_HANDLES = 500;

const realClock: PrintClock = { now: Date.now, sleep };

export class Printing {
  readonly renderer: A4Renderer;
  readonly #o: Required<Omit<PrintingOptions, 'receiptPrinter' | 'a4Printer' | 'renderer'>> &
    Pick<PrintingOptions, 'receiptPrinter' | 'a4Printer'>;
  readonly #handles = new Map<string, JobHandle>();

  constructor(opts: PrintingOptions) {
    const log = (opts.log ?? silentLogger).child({ component: 'printing' });
    this.renderer = opts.renderer ?? new A4Renderer({ log });
    this.#o = {
      journal: opts.journal,
      receiptPrinter: opts.receiptPrinter,
      a4Printer: opts.a4Printer,
      timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
      log,
      clock: opts.clock ?? realClock,
      holdTimeoutMs: opts.holdTimeoutMs ?? 180_000,
      takeTimeoutMs: opts.takeTimeoutMs ?? 60_000,
      pollMs: opts.pollMs ?? 1000,
    };
  }

  /** Starts and warms the renderer, so the first certificate of the day is not the slow one. */
  start(): Promise<void> {
    return this.renderer.start();
  }

  /** Prints a receipt document under `key` and follows it to printed → taken / not taken. */
  printReceipt(doc: ReceiptDocument, key: string): PrintHandle {
    const printer = this.#o.receiptPrinter;
    if (!printer) throw new NoPrinter('receipt');
    const existing = this.#existing(key);
    if (existing) return existing;
    const recorded = this.#o.journal.receipts.get(key);
    const h = this.#handle(key, 'receipt');
    startReceiptJob(h, doc, recorded, { ...this.#o, printer });
    return h;
  }

  /**
   * A receipt template (print-templates/receipts) with its data, in the citizen's language. Data the
   * template refuses gives a handle `failed` with `invalidDocument` (the fields are logged by path).
   */
  printSlip(templateId: string, data: unknown, key: string, opts: { locale?: TimeLocale } = {}): PrintHandle {
    const template = RECEIPT_TEMPLATES[templateId];
    if (!template) throw new RangeError(`no receipt template ${templateId}`);
    let doc: ReceiptDocument;
    try {
      doc = renderReceipt(template, data, { timeZone: this.#o.timeZone, locale: opts.locale ?? 'zh-CN' });
    } catch (err) {
      if (!(err instanceof TemplateDataError)) throw err;
      this.#o.log.warn('printing.slipRefused', {
        key,
        templateId,
        fields: err.issues.map((i) => i.split(':')[0]),
      });
      const existing = this.#existing(key);
      if (existing) return existing;
      const h = this.#handle(key, 'receipt');
      h.set({ state: 'failed', reason: 'invalidDocument' });
      return h;
    }
    return this.printReceipt(doc, key);
  }

  /** Renders an A4 template off the event loop and prints it, followed to completed / failed. */
  printDocument(templateId: string, data: unknown, key: string): PrintHandle {
    const title = TEMPLATE_CATALOG.find((t) => t.id === templateId && t.kind === 'a4')?.name ?? templateId;
    return this.#a4(key, templateId, title, () =>
      this.renderer.render(templateId, data, { timeZone: this.#o.timeZone }),
    );
  }

  /** A PDF made elsewhere (复印: the scans main/scanning assembled), printed like a document. */
  printPdf(pdf: Uint8Array, opts: { title: string }, key: string): PrintHandle {
    return this.#a4(key, 'pdf', opts.title, () => Promise.resolve(pdf));
  }

  /** The handle of a key printed in this process, if any. */
  handle(key: string): PrintHandle | undefined {
    return this.#handles.get(key);
  }

  async close(): Promise<void> {
    for (const h of this.#handles.values()) h.control.abort(new Error('printing closed'));
    await this.renderer.close();
  }

  #a4(key: string, templateId: string, title: string, produce: () => Promise<Uint8Array>): PrintHandle {
    const printer = this.#o.a4Printer;
    if (!printer) throw new NoPrinter('a4');
    const existing = this.#existing(key);
    if (existing) return existing;
    const recorded = this.#o.journal.a4(key);
    const h = this.#handle(key, 'a4');
    if (recorded?.state === 'completed') {
      this.#o.log.info('printing.document', { key, templateId, state: 'completed', reused: true });
      h.set({ state: 'completed', reused: true, ...(recorded.jobId ? { jobId: recorded.jobId } : {}) });
      return h;
    }
    runA4Job(h, { templateId, title, produce }, recorded, { ...this.#o, printer }).catch((err: unknown) => {
      this.#o.log.error('printing.documentCrashed', {
        key,
        error: err instanceof Error ? err.message : String(err),
      });
      h.set({ state: 'failed', reason: 'renderFailed' });
    });
    return h;
  }

  /** The live handle of `key` unless it failed or was canceled (then the key may print again). */
  #existing(key: string): JobHandle | undefined {
    if (!KEY.test(key))
      throw new InvalidPrintKey(`print key must match ${String(KEY)}: ${JSON.stringify(key)}`);
    const h = this.#handles.get(key);
    const state = h?.status().state;
    return state && state !== 'failed' && state !== 'canceled' ? h : undefined;
  }

  #handle(key: string, kind: 'receipt' | 'a4'): JobHandle {
    const recordedKind = this.#o.journal.kindOf(key);
    if (recordedKind && recordedKind !== kind) throw new PrintKeyConflict(key, recordedKind);
    const prior = this.#handles.get(key);
    if (prior && prior.kind !== kind) throw new PrintKeyConflict(key, prior.kind);
    const h = new JobHandle(key, kind, () => this.#o.clock.now());
    this.#handles.delete(key);
    this.#handles.set(key, h);
    // A kiosk runs for months: keep the recent handles, drop the oldest finished ones.
    for (const [k, old] of this.#handles) {
      if (this.#handles.size <= MAX_HANDLES) break;
      if (old.status().final) this.#handles.delete(k);
    }
    return h;
  }
}
