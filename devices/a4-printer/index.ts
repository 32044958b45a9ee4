export { A4PrinterDriver, type A4PrinterOptions, type PrintOutcome, type PrintRequest } from './driver';
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
