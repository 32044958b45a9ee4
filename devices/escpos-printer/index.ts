/**
 * The escpos-printer family's public surface. Print templates import the receipt document types
 * from here (type-only); main/device-host and main/cli build drivers and simulators from here.
 */
export type {
  Align,
  Bitmap,
  ColumnCell,
  QrErrorLevel,
  ReceiptBlock,
  ReceiptDocument,
  TextRun,
  TextStyle,
} from './protocol/document';
export { receipt } from './protocol/document';
export type { GlyphRasterizer } from './protocol/raster';
export type { PaperState, PrinterDetail } from './protocol/status';
export {
  PROFILES,
  PROFILE_NAMES,
  findProfile,
  type PrinterProfile,
  type ProfileName,
  type StatusBits,
} from './protocol/profiles';
export { encodeReceipt, ReceiptEncodeError } from './protocol/encode';
export {
  EscposPrinterDriver,
  type EscposPrinterConfig,
  type PrintJob,
  type PrintJobReason,
  type PrintJobState,
  type PrintJournal,
} from './driver';
export {
  EscposPrinterSimulator,
  type PrinterFaults,
  type SimulatedReceipt,
  type SimulatorOptions,
} from './simulator';
export { createCjkRasterizer, NOTO_CJK_FONT_PATHS, DEFAULT_CJK_FACE } from './raster-font';
export { printerChecks, statusRows, testSlip, type CheckOutcome, type PrinterCheck } from './diagnostics';
export {
  escposPrinterManifest,
  EscposPrinterOptions,
  PRINTER_COUNTERS,
  type PrinterCounter,
} from './manifest';
