import type { A4PrinterDriver } from '../../devices/a4-printer';
import type { EscposPrinterDriver, PrinterProfile } from '../../devices/escpos-printer';
import type { A4Printer, ReceiptPrinter } from './types';

/** The receipt printer interface over a bare EscposPrinterDriver (built with the print journal). */
export function receiptPrinterFrom(driver: EscposPrinterDriver, profile: PrinterProfile): ReceiptPrinter {
  return {
    knowsTaken: profile.statusBits.receiptNotTaken !== null,
    refreshStatus: (signal) => driver.refreshStatus(signal),
    submit: (doc, options) => driver.submit(doc, options),
    job: (id) => driver.job(id),
    resume: (id) => driver.resume(id),
    cancel: (id) => driver.cancel(id),
    onJob: (listener) => driver.events.on('job', listener),
  };
}

/** The A4 printer interface over a bare A4PrinterDriver. */
export function a4PrinterFrom(driver: A4PrinterDriver): A4Printer {
  return {
    refreshStatus: (signal) => driver.refreshStatus(signal),
    print: (pdf, { title, key, signal }) => driver.print(pdf, { title, idempotencyKey: key }, signal),
  };
}
