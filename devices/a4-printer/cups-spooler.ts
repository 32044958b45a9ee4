import { TransportClosedError } from '../core';
import {
  cancelJobRequest,
  CupsStatusError,
  getJobRequest,
  getJobsRequest,
  getPrinterRequest,
  printerPath,
  printJobRequest,
  readJobNumber,
  readJobName,
  readJobs,
  readJobState,
  readQueueState,
  readResponse,
} from './protocol/cups';
import {
  formatJobId,
  parseJobId,
  type JobState,
  type JobSummary,
  type QueueState,
} from './protocol/spooler-types';
import { SpoolerError, type Spooler, type SubmitOptions } from './spooler';

/** POSTs an IPP message to cupsd at `path` and resolves with the IPP response body. */
export type IppExchange = (path: string, body: Uint8Array, signal?: AbortSignal) => Promise<Uint8Array>;

/**
 * Spooler over CUPS' native protocol, IPP. Chosen over spawning lp/lpstat because IPP gives the
 * exact job-state enum (pending…completed), printer-state-reasons keywords (media-empty, toner-low)
 * and accepting/enabled flags without parsing localised command output.
 */
export class CupsSpooler implements Spooler {
  readonly kind = 'cups' as const;
  #requestId = 0;

  constructor(
    private readonly exchange: IppExchange,
    /** requesting-user-name; CUPS lets this user cancel its own jobs. */
    private readonly user: string,
  ) {}

  async submit(pdf: Uint8Array, opts: SubmitOptions, signal?: AbortSignal): Promise<string> {
    const res = await this.#call(
      printerPath(opts.queue),
      (id) =>
        printJobRequest(id, {
          queue: opts.queue,
          user: this.user,
          jobName: opts.title,
          copies: opts.copies,
          pdf,
        }),
      signal,
      'noQueue',
    );
    return formatJobId(opts.queue, readJobNumber(res));
  }

  async jobState(jobId: string, signal?: AbortSignal): Promise<JobState> {
    const { queue, number } = this.#parse(jobId);
    return readJobState(
      await this.#call('/jobs', (id) => getJobRequest(id, queue, number, this.user), signal),
    );
  }

  async cancel(jobId: string, signal?: AbortSignal): Promise<void> {
    const { queue, number } = this.#parse(jobId);
    await this.#call('/jobs', (id) => cancelJobRequest(id, queue, number, this.user), signal);
  }

  async queueState(queue: string, signal?: AbortSignal): Promise<QueueState> {
    const res = await this.#call(printerPath(queue), (id) => getPrinterRequest(id, queue), signal, 'noQueue');
    return readQueueState(res, queue);
  }

  async jobs(queue: string, signal?: AbortSignal): Promise<JobSummary[]> {
    const res = await this.#call(
      printerPath(queue),
      (id) => getJobsRequest(id, queue, this.user),
      signal,
      'noQueue',
    );
    const jobs = readJobs(res);
    // cupsd answers Get-Jobs for a finished job it has unloaded from memory without that job's
    // attributes (job-name among them) until something asks for the job itself; the idempotency key
    // is in the name, so ask, or a job printed before a restart would not be found and print again.
    for (const j of jobs)
      if (j.name === '')
        j.name = readJobName(
          await this.#call('/jobs', (id) => getJobRequest(id, queue, j.number, this.user), signal),
        );
    return jobs.map((j) => ({ jobId: formatJobId(queue, j.number), name: j.name, state: j.state }));
  }

  #parse(jobId: string): { queue: string; number: number } {
    const parsed = parseJobId(jobId);
    if (!parsed) throw new SpoolerError('noJob', `not a CUPS job id: ${jobId}`);
    return parsed;
  }

  async #call(
    path: string,
    build: (requestId: number) => Uint8Array,
    signal?: AbortSignal,
    notFound: 'noJob' | 'noQueue' = 'noJob',
  ) {
    this.#requestId = (this.#requestId % 0x7fffffff) + 1;
    const requestId = this.#requestId;
    try {
      return readResponse(await this.exchange(path, build(requestId), signal), requestId);
    } catch (err) {
      throw toSpoolerError(err, notFound);
    }
  }
}

function toSpoolerError(err: unknown, notFound: 'noJob' | 'noQueue'): unknown {
  if (err instanceof CupsStatusError) {
    const failure =
      err.failure === 'notFound'
        ? notFound
        : err.failure === 'notAccepting'
          ? 'notAccepting'
          : err.failure === 'other'
            ? 'protocol'
            : 'rejected';
    return new SpoolerError(failure, err.message, { cause: err });
  }
  if (err instanceof TransportClosedError)
    return new SpoolerError('unreachable', err.message, { cause: err });
  return err; // aborts and deadlines pass through for toDeviceError
}
