export { A4PrinterDriver, type A4PrinterConfig, type PrintOutcome, type PrintRequest } from './driver';
export { a4PrinterManifest, A4PrinterOptions, A4_COUNTERS, type A4Counter } from './manifest';
export { a4SelfTests } from './diagnostics';
export { a4TestPage } from './test-page';
export { healthFromQueue, type A4PrinterDetail, type Supply } from './health';
export { CupsSpooler, type IppExchange } from './cups-spooler';
export { WindowsSpooler, type PowerShellRunner, type WindowsSpoolerOptions } from './windows-spooler';
export { SimulatedSpooler, type SimulatedSpoolerFaults } from './simulator';
export { powershellArgs } from './protocol/windows';
export {
  SpoolerError,
  JOB_STATES,
  isFinalJobState,
  type JobState,
  type JobSummary,
  type QueueState,
  type Spooler,
  type SpoolerFailure,
  type SubmitOptions,
} from './spooler';
