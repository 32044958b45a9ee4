/**
 * The receipt (ESC/POS) templates, by id. Callers build a ReceiptDocument with `renderReceipt` and
 * hand it to the receipt printer (main/printing); a separate entry from index.ts, so A4 callers do
 * not load the receipt printer family and receipt callers do not load pdfkit.
 */
import type { ReceiptTemplate } from './_shared/receipt';
import { balanceSlip } from './balance-slip/template';
import { checkInSlip } from './check-in-slip/template';
import { filingReceipt } from './filing-receipt/template';
import { lockerSlip } from './locker-slip/template';
import { printRecordSlip } from './print-record-slip/template';
import { queueTicket } from './queue-ticket/template';

export const RECEIPT_TEMPLATES: Readonly<Record<string, ReceiptTemplate>> = Object.fromEntries(
  [filingReceipt, queueTicket, lockerSlip, balanceSlip, checkInSlip, printRecordSlip].map((t) => [
    t.id,
    t as unknown as ReceiptTemplate,
  ]),
);

export { balanceSlip, checkInSlip, filingReceipt, lockerSlip, printRecordSlip, queueTicket };
export { renderReceipt, type ReceiptContext, type ReceiptTemplate } from './_shared/receipt';
export { TemplateDataError } from './_shared/validate';
