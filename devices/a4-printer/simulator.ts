import { systemClock, type Clock } from '../core';
import {
  formatJobId,
  isFinalJobState,
  parseJobId,
  SpoolerError,
  type JobState,
  type JobSummary,
  type QueueState,
  type Spooler,
  type SubmitOptions,
} from './protocol/spooler-types';

export interface SimulatedSpoolerFaults {
  /** Queue disabled (cupsdisable): jobs stay pending. */
  disabled: boolean;
  /** Queue rejects new jobs (cupsreject). */
  rejecting: boolean;
  /** Paper out: the printer stops, jobs stay pending, reason media-empty. */
  paperOut: boolean;
  tonerLow: boolean;
  /** The next job is aborted by the "printer". */
  abortNext: boolean;
  /** The spooler itself is down (cupsd not running). */
  unreachable: boolean;
}

interface SimJob {
  number: number;
  name: string;
  state: JobState;
  pages: number;
  bytes: number;
}

/**
 * An in-memory spooler with one queue for kiosk simulation and driver tests. Jobs move
 * pending → processing → completed one step per `tick()` (or per `stepMs` when `autoAdvance` is on),
 * and stop moving while a fault holds the queue.
 */
export class SimulatedSpooler implements Spooler {
  readonly kind = 'cups' as const;
  readonly faults: SimulatedSpoolerFaults = {
    disabled: false,
    rejecting: false,
    paperOut: false,
    tonerLow: false,
    abortNext: false,
    unreachable: false,
  };
  readonly #jobs: SimJob[] = [];
  #next = 1;
  #cancelTick: (() => void) | undefined;

  constructor(
    readonly queue = 'SimA4',
    private readonly clock: Clock = systemClock,
  ) {}

  /** Advances jobs every `stepMs`, as a real printer would. Returns a stop function. */
  autoAdvance(stepMs = 200): () => void {
    const step = () => {
      this.#cancelTick = this.clock.setTimer(stepMs, () => {
        this.tick();
        step();
      });
    };
    if (!this.#cancelTick) step();
    return () => {
      this.#cancelTick?.();
      this.#cancelTick = undefined;
    };
  }

  /** Moves the oldest unfinished job one step, unless the queue is held by a fault. */
  tick(): void {
    if (this.faults.disabled || this.faults.paperOut || this.faults.unreachable) return;
    const job = this.#jobs.find((j) => !isFinalJobState(j.state) && j.state !== 'held');
    if (!job) return;
    if (job.state === 'pending') job.state = 'processing';
    else if (this.faults.abortNext) {
      job.state = 'aborted';
      this.faults.abortNext = false;
    } else job.state = 'completed';
  }

  /** Submitted documents, for assertions (name and size only: no document content is kept). */
  get submitted(): readonly JobSummary[] {
    return this.#jobs.map((j) => ({
      jobId: formatJobId(this.queue, j.number),
      name: j.name,
      state: j.state,
    }));
  }

  submit(pdf: Uint8Array, opts: SubmitOptions): Promise<string> {
    return settle(() => {
      this.#reachable();
      this.#knownQueue(opts.queue);
      if (this.faults.rejecting)
        throw new SpoolerError('notAccepting', `${opts.queue} is not accepting jobs`);
      if (pdf.length < 5 || String.fromCharCode(...pdf.subarray(0, 5)) !== '%PDF-') {
        throw new SpoolerError('rejected', 'document is not a PDF');
      }
      const job: SimJob = {
        number: this.#next++,
        name: opts.title,
        state: 'pending',
        pages: 1,
        bytes: pdf.length,
      };
      this.#jobs.push(job);
      return formatJobId(this.queue, job.number);
    });
  }

  jobState(jobId: string): Promise<JobState> {
    return settle(() => this.#job(jobId).state);
  }

  cancel(jobId: string): Promise<void> {
    return settle(() => {
      const job = this.#job(jobId);
      if (isFinalJobState(job.state)) throw new SpoolerError('rejected', `job ${jobId} already ${job.state}`);
      job.state = 'canceled';
    });
  }

  queueState(queue: string): Promise<QueueState> {
    return settle(() => this.#queueState(queue));
  }

  #queueState(queue: string): QueueState {
    this.#reachable();
    this.#knownQueue(queue);
    const reasons = [
      ...(this.faults.disabled ? ['paused'] : []),
      ...(this.faults.paperOut ? ['media-empty'] : []),
      ...(this.faults.tonerLow ? ['toner-low'] : []),
    ];
    const busy = this.#jobs.some((j) => j.state === 'processing');
    return {
      queue,
      accepting: !this.faults.rejecting,
      enabled: !this.faults.disabled,
      state: this.faults.disabled || this.faults.paperOut ? 'stopped' : busy ? 'processing' : 'idle',
      reasons,
      message: '',
    };
  }

  jobs(queue: string): Promise<JobSummary[]> {
    return settle(() => {
      this.#reachable();
      this.#knownQueue(queue);
      return [...this.submitted];
    });
  }

  #job(jobId: string): SimJob {
    this.#reachable();
    const parsed = parseJobId(jobId);
    const job = parsed?.queue === this.queue ? this.#jobs.find((j) => j.number === parsed.number) : undefined;
    if (!job) throw new SpoolerError('noJob', `no job ${jobId}`);
    return job;
  }

  #knownQueue(queue: string): void {
    if (queue !== this.queue) throw new SpoolerError('noQueue', `no queue ${queue}`);
  }

  #reachable(): void {
    if (this.faults.unreachable) throw new SpoolerError('unreachable', 'simulated spooler is down');
  }
}

/** Runs `f` and turns a throw into a rejection, like an async spooler call. */
const settle = <T>(f: () => T): Promise<T> => new Promise<T>((resolve) => resolve(f()));
