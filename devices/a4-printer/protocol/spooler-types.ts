/** The spooler vocabulary shared by the CUPS and Windows codecs. Pure types and tables. */

/** RFC 8011 job states, in enum order 3..9; Windows job status flags are mapped onto them. */
export const JOB_STATES = [
  'pending',
  'held',
  'processing',
  'stopped',
  'canceled',
  'aborted',
  'completed',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const isFinalJobState = (s: JobState): boolean =>
  s === 'canceled' || s === 'aborted' || s === 'completed';

export interface QueueState {
  queue: string;
  /** The queue takes new jobs (cupsaccept / cupsreject). */
  accepting: boolean;
  /** The queue sends jobs to the printer (cupsenable / cupsdisable; Windows: not paused). */
  enabled: boolean;
  state: 'idle' | 'processing' | 'stopped';
  /** Printer state reasons without severity suffix, e.g. media-empty, toner-low, paused; never 'none'. */
  reasons: string[];
  message: string;
  /** Where the queue sends its jobs (CUPS device-uri, e.g. `cups-pdf:/`), when the spooler says. */
  deviceUri?: string;
}

export interface JobSummary {
  jobId: string;
  name: string;
  state: JobState;
}

/** `KioskA4-42` -> { queue: 'KioskA4', number: 42 }; queue names may contain '-'. */
export function parseJobId(jobId: string): { queue: string; number: number } | undefined {
  const m = /^(.+)-(\d+)$/.exec(jobId);
  return m ? { queue: m[1]!, number: Number(m[2]) } : undefined;
}

export const formatJobId = (queue: string, number: number): string => `${queue}-${number}`;

/** Removes IPP severity suffixes: media-empty-error -> media-empty. */
export function normalizeReasons(raw: readonly string[]): string[] {
  const out = raw
    .map((r) => r.replace(/-(error|warning|report)$/, ''))
    .filter((r) => r !== 'none' && r !== '');
  return [...new Set(out)];
}

/** The job name carries the idempotency key so a retry after a restart can find the earlier job. */
export const jobNameWithKey = (title: string, key: string | undefined): string =>
  key ? `${title} [${key}]` : title;

export const keyOfJobName = (name: string): string | undefined => /\[([^\]]+)\]$/.exec(name)?.[1];

export interface SubmitOptions {
  queue: string;
  /** Job name shown by the spooler; the driver appends the idempotency key. */
  title: string;
  copies: number;
}

/**
 * An operating-system print spooler. A4 printers have no wire protocol of our own: we hand a PDF to
 * the spooler and track the job it creates. Implementations: CupsSpooler (Linux, IPP to cupsd) and
 * WindowsSpooler (PowerShell PrintManagement). Failures are SpoolerError.
 */
export interface Spooler {
  readonly kind: 'cups' | 'windows';
  /** Queues the PDF and returns the spooler's job id, e.g. `KioskA4-42`. */
  submit(pdf: Uint8Array, opts: SubmitOptions, signal?: AbortSignal): Promise<string>;
  jobState(jobId: string, signal?: AbortSignal): Promise<JobState>;
  cancel(jobId: string, signal?: AbortSignal): Promise<void>;
  queueState(queue: string, signal?: AbortSignal): Promise<QueueState>;
  /** Jobs the spooler still knows for a queue (active and retained history). */
  jobs(queue: string, signal?: AbortSignal): Promise<JobSummary[]>;
}

export type SpoolerFailure = 'unreachable' | 'noQueue' | 'notAccepting' | 'noJob' | 'rejected' | 'protocol';

export class SpoolerError extends Error {
  override readonly name = 'SpoolerError';
  constructor(
    readonly failure: SpoolerFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
