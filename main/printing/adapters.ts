import type { EscposPrinterDriver, PrinterProfile } from '../../devices/escpos-printer';
import type { ReceiptPrinter } from './types';

/** The receipt printer interface over an EscposPrinterDriver built with the print journal. */
export function receiptPrinterFrom(driver: EscposPrinterDriver, profile: PrinterProfile): ReceiptPrinter {
  return {
    sensesTaken: Boolean(profile.statusBits.receiptNotTaken),
    status: driver.status,
    events: driver.events,
    refreshStatus: (signal) => driver.refreshStatus(signal),
    submit: (doc, options) => driver.submit(doc, options),
    job: (id) => driver.job(id),
    resume: (id) => driver.resume(id),
    cancel: (id) => driver.cancel(id),
  };
}
