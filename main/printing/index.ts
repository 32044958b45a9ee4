/** main/printing: the host's printing module (see README.md). */
export { Printing, InvalidPrintKey, NoPrinter, type PrintingOptions } from './printing';
export { PrintJournalStore, PrintKeyConflict, type A4Entry, type PrintJournalOptions } from './journal';
export { A4Renderer, RenderError, type RenderErrorCode, type RendererOptions } from './renderer';
export { a4PrinterFrom, receiptPrinterFrom } from './adapters';
export { a4Blocked } from './documents';
export {
  FINAL_STATES,
  type A4Printer,
  type PrintClock,
  type PrintHandle,
  type PrintKind,
  type PrintReason,
  type PrintState,
  type PrintStatus,
  type ReceiptPrinter,
} from './types';
