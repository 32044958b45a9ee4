import {
  deadline,
  DeadlineError,
  DeviceDriver,
  DeviceError,
  silentLogger,
  sleep,
  systemClock,
  toDeviceError,
  type Clock,
  type DeviceStatus,
  type Logger,
} from '../core';
import { a4PrinterManifest, type A4Counter } from './manifest';
import { healthFromQueue, initialDetail, type A4PrinterDetail } from './health';
import { isFinalJobState, jobNameWithKey, keyOfJobName, type JobState } from './protocol/spooler-types';
import { SpoolerError, type Spooler } from './spooler';

/** A printer's queue and settings, and its identity (`new A4PrinterDriver(spooler, config, log, clock)`). */
export interface A4PrinterConfig {
  deviceId: string;
  queue: string;
  /** How often job and queue state are polled while a job is in flight. */
  pollMs?: number;
  /** How long a job may take from submission to completed. */
  jobTimeoutMs?: number;
  /**
   * Cancel a job that timed out or whose caller gave up, so a certificate never comes out of an
   * unattended tray after the citizen has left. Default true.
   */
  cancelUnfinished?: boolean;
  /** Queue state polling while idle (start() only); 0 turns it off. */
  statusPollMs?: number;
}

export interface PrintRequest {
  title: string;
  copies?: number;
  /** Same key → same job: a retried submission never prints twice. */
  idempotencyKey?: string;
}

export interface PrintOutcome {
  jobId: string;
  state: 'completed';
  /** True when an earlier job with the same idempotency key was found and not resubmitted. */
  reused: boolean;
}

/**
 * A4 printer behind an OS spooler: submit a PDF, track the job to a final state with a deadline,
 * report health from the queue. Never uses Electron's silent printing.
 */
export class A4PrinterDriver extends DeviceDriver<A4PrinterDetail, Record<never, never>, A4Counter> {
  readonly #byKey = new Map<string, string>();
  readonly #pollMs: number;
  readonly #jobTimeoutMs: number;
  readonly #cancelUnfinished: boolean;
  #polling: AbortController | undefined;

  constructor(
    private readonly spooler: Spooler,
    private readonly opts: A4PrinterConfig,
    log: Logger = silentLogger,
    clock: Clock = systemClock,
  ) {
    super(
      a4PrinterManifest,
      {
        deviceId: opts.deviceId,
        detail: initialDetail(opts.queue),
        link: () => `${spooler.kind}:${opts.queue}`,
        counters: a4PrinterManifest.counters,
      },
      log,
      clock,
    );
    this.#pollMs = opts.pollMs ?? 500;
    this.#jobTimeoutMs = opts.jobTimeoutMs ?? 120_000;
    this.#cancelUnfinished = opts.cancelUnfinished ?? true;
  }

  get id(): string {
    return this.deviceId;
  }

  get queue(): string {
    return this.opts.queue;
  }

  /** The printer's wall-clock time (the test page prints it). */
  now(): number {
    return this.clock.now();
  }

  /** Polls the queue state while idle (statusPollMs), so paper out shows before a citizen asks for a print. */
  start(): void {
    const every = this.opts.statusPollMs ?? 0;
    if (this.#polling || every <= 0) return;
    const polling = (this.#polling = new AbortController());
    void (async () => {
      while (!polling.signal.aborted) {
        if (
          !(await sleep(every, polling.signal, this.clock).then(
            () => true,
            () => false,
          ))
        )
          return;
        if (this.status.current.detail.activeJob) continue;
        await this.refreshStatus(polling.signal);
      }
    })();
  }

  /** Stops the idle polling; jobs in flight keep their own deadlines. */
  stop(): Promise<void> {
    this.#polling?.abort();
    this.#polling = undefined;
    return Promise.resolve();
  }

  /** Reads the queue state and updates health; never throws (an unreachable spooler is noDevice). */
  async refreshStatus(signal?: AbortSignal): Promise<DeviceStatus<A4PrinterDetail>> {
    try {
      const q = await this.spooler.queueState(this.opts.queue, signal);
      this.status.update(healthFromQueue(q, this.status.current.detail.activeJob));
    } catch (err) {
      const e = this.#error(err, 'queueState');
      const health = e.code === 'notConnected' || e.detail === 'noQueue' ? 'noDevice' : 'hardwareError';
      this.status.update({ health, lastError: { code: e.code, ...(e.detail ? { detail: e.detail } : {}) } });
    }
    return this.status.current;
  }

  /** Prints and resolves once the spooler reports the job completed; otherwise throws DeviceError. */
  async print(pdf: Uint8Array, req: PrintRequest, signal?: AbortSignal): Promise<PrintOutcome> {
    const key = req.idempotencyKey;
    const earlier = key ? await this.#findEarlier(key, signal) : undefined;
    if (earlier?.state === 'completed') {
      this.log.info('a4.print.reused', { device: this.id, jobId: earlier.jobId });
      this.counts.add('jobsReused');
      return { jobId: earlier.jobId, state: 'completed', reused: true };
    }
    let jobId = earlier && !isFinalJobState(earlier.state) ? earlier.jobId : undefined;
    const reused = jobId !== undefined;
    if (!jobId) {
      try {
        jobId = await this.spooler.submit(
          pdf,
          { queue: this.opts.queue, title: jobNameWithKey(req.title, key), copies: req.copies ?? 1 },
          signal,
        );
      } catch (err) {
        throw this.#fail(err, 'submit', signal);
      }
      this.log.info('a4.print.submitted', {
        device: this.id,
        jobId,
        bytes: pdf.length,
        copies: req.copies ?? 1,
      });
    }
    if (key) this.#byKey.set(key, jobId);
    await this.track(jobId, signal);
    return { jobId, state: 'completed', reused };
  }

  /** Polls a job until it completes (resolves) or fails, is canceled or times out (throws). */
  async track(jobId: string, signal?: AbortSignal): Promise<void> {
    // Disposed when the job settles: a live timer would hold a short-lived process (the CLI) open
    // for the whole job timeout after the job completed.
    const controller = new AbortController();
    const cancelTimer = this.clock.setTimer(this.#jobTimeoutMs, () =>
      controller.abort(new DeadlineError(`job not completed within ${this.#jobTimeoutMs} ms`)),
    );
    const deadline = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    const started = this.clock.monotonic();
    let state: JobState = 'pending';
    this.status.update({ health: 'busy', detail: { activeJob: jobId } });
    try {
      for (;;) {
        state = await this.spooler.jobState(jobId, deadline);
        if (state === 'completed') break;
        if (state === 'canceled' || state === 'aborted') {
          throw new DeviceError(
            state === 'canceled' ? 'canceled' : 'hardware',
            state === 'canceled'
              ? 'the print job was canceled at the spooler'
              : 'the spooler aborted the print job',
            { deviceId: this.id, command: 'print' },
            { detail: state === 'canceled' ? 'jobCanceled' : 'jobAborted', retryable: state === 'aborted' },
          );
        }
        await this.refreshStatus(deadline);
        await sleep(this.#pollMs, deadline, this.clock);
      }
      const ms = Math.round(this.clock.monotonic() - started);
      this.counts.add('jobsCompleted');
      this.log.info('a4.print.completed', { device: this.id, jobId, ms });
    } catch (err) {
      const e = this.#fail(err, 'print', signal);
      this.counts.add(e.code === 'canceled' ? 'jobsCanceled' : 'jobsFailed');
      const unfinished = !isFinalJobState(state);
      if (unfinished && this.#cancelUnfinished) await this.#cancelQuietly(jobId);
      this.log.warn('a4.print.failed', { device: this.id, jobId, state, code: e.code, detail: e.detail });
      throw e.code === 'timeout'
        ? new DeviceError('timeout', `print job ${jobId} did not complete (last state ${state})`, e.where, {
            cause: e,
            detail: this.status.current.health === 'offline' ? 'printerOffline' : 'jobNotCompleted',
          })
        : e;
    } finally {
      cancelTimer();
      this.status.update({ detail: { activeJob: null } });
      await this.refreshStatus();
    }
  }

  /** Cancels a job; a job that already finished or vanished is not an error. */
  async cancel(jobId: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.spooler.cancel(jobId, signal);
      this.log.info('a4.print.canceled', { device: this.id, jobId });
    } catch (err) {
      if (err instanceof SpoolerError && (err.failure === 'noJob' || err.failure === 'rejected')) {
        const state = await this.spooler.jobState(jobId, signal).catch(() => undefined);
        if (state === undefined || isFinalJobState(state)) return;
      }
      throw this.#fail(err, 'cancel', signal);
    }
  }

  async #findEarlier(
    key: string,
    signal?: AbortSignal,
  ): Promise<{ jobId: string; state: JobState } | undefined> {
    try {
      const known = this.#byKey.get(key);
      if (known) return { jobId: known, state: await this.spooler.jobState(known, signal) };
      // After a restart: the key is part of the job name the spooler keeps in its history.
      const jobs = await this.spooler.jobs(this.opts.queue, signal);
      const match = jobs
        .filter((j) => keyOfJobName(j.name) === key)
        .sort((a, b) => rank(a.state) - rank(b.state))[0];
      return match;
    } catch (err) {
      throw this.#fail(err, 'findJob', signal);
    }
  }

  async #cancelQuietly(jobId: string): Promise<void> {
    try {
      const limit = deadline(5000, [], this.clock);
      await this.cancel(jobId, limit.signal).finally(limit.dispose);
    } catch (err) {
      this.log.error('a4.print.cancelFailed', { device: this.id, jobId, error: String(err) });
    }
  }

  #fail(err: unknown, command: string, signal?: AbortSignal): DeviceError {
    const e = this.#error(err, command, signal);
    this.status.update({ lastError: { code: e.code, ...(e.detail ? { detail: e.detail } : {}) } });
    return e;
  }

  #error(err: unknown, command: string, signal?: AbortSignal): DeviceError {
    const where = { deviceId: this.id, command };
    if (err instanceof SpoolerError) {
      switch (err.failure) {
        case 'unreachable':
          return new DeviceError('notConnected', 'the print spooler is not reachable', where, {
            cause: err,
            detail: 'spoolerUnreachable',
          });
        case 'noQueue':
          return new DeviceError('notConnected', `print queue ${this.opts.queue} does not exist`, where, {
            cause: err,
            detail: 'noQueue',
          });
        case 'notAccepting':
          return new DeviceError('rejected', `print queue ${this.opts.queue} is not accepting jobs`, where, {
            cause: err,
            detail: 'queueNotAccepting',
            retryable: true,
          });
        case 'noJob':
          return new DeviceError('sequence', 'the print job is unknown to the spooler', where, {
            cause: err,
            detail: 'noJob',
          });
        case 'rejected':
          return new DeviceError('rejected', err.message, where, { cause: err, detail: 'spoolerRejected' });
        case 'protocol':
          return new DeviceError('protocol', err.message, where, { cause: err, detail: 'spoolerProtocol' });
      }
    }
    return toDeviceError(err, where, signal);
  }
}

/** Prefer a completed job, then one still running, over failed attempts. */
const rank = (s: JobState): number => (s === 'completed' ? 0 : isFinalJobState(s) ? 2 : 1);
