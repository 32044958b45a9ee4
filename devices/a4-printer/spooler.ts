/** The spooler contract; it lives in protocol/ so the simulator can implement it without the driver. */
export {
  JOB_STATES,
  isFinalJobState,
  SpoolerError,
  type JobState,
  type JobSummary,
  type QueueState,
  type Spooler,
  type SpoolerFailure,
  type SubmitOptions,
} from './protocol/spooler-types';
