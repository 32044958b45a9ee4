import { sleep, systemClock, type Clock } from '../core';
import {
  cancelScript,
  documentFileName,
  jobScript,
  jobsScript,
  parseJobs,
  parsePrinter,
  printerScript,
  submitScript,
} from './protocol/windows';
import { parseJobId, type JobState, type JobSummary, type QueueState } from './protocol/spooler-types';
import { SpoolerError, type Spooler, type SubmitOptions } from './spooler';

/**
 * Runs PowerShell and stages files on the Windows host. The composition root supplies it (a small
 * child_process wrapper calling `powershell.exe` with `powershellArgs(script)`); the driver side
 * stays free of I/O.
 */
export interface PowerShellRunner {
  run(script: string, signal?: AbortSignal): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** Writes bytes to a private temp folder under the given file name; returns the full path. */
  stage(fileName: string, bytes: Uint8Array): Promise<string>;
  remove(path: string): Promise<void>;
}

export interface WindowsSpoolerOptions {
  /** PDF print helper, e.g. C:\Program Files\Yizhan\SumatraPDF.exe (bundled with the installer). */
  pdfHelper: string;
  /** How long to wait for the submitted document to appear in Get-PrintJob. */
  appearTimeoutMs?: number;
  /** Time for that wait (the system clock by default). */
  clock?: Clock;
}

/**
 * Windows print spooler (PrintManagement cmdlets). Designed and unit-tested on output samples; it
 * has not run against a real Windows spooler in this repository's CI. The printer must keep printed
 * jobs (`Set-Printer -Name <q> -KeepPrintedJobs $true`), otherwise a finished job vanishes and
 * cannot be told apart from a deleted one (jobState then fails with noJob).
 */
export class WindowsSpooler implements Spooler {
  readonly kind = 'windows' as const;

  constructor(
    private readonly shell: PowerShellRunner,
    private readonly opts: WindowsSpoolerOptions,
  ) {}

  async submit(pdf: Uint8Array, opts: SubmitOptions, signal?: AbortSignal): Promise<string> {
    const fileName = documentFileName(opts.title);
    const file = await this.shell.stage(fileName, pdf);
    try {
      await this.#run(
        submitScript({ helper: this.opts.pdfHelper, queue: opts.queue, file, copies: opts.copies }),
        signal,
      );
      const clock = this.opts.clock ?? systemClock;
      const deadline = clock.monotonic() + (this.opts.appearTimeoutMs ?? 10_000);
      for (;;) {
        const job = (await this.jobs(opts.queue, signal))
          .filter((j) => j.name === fileName || j.name === file)
          .pop();
        if (job) return job.jobId;
        if (clock.monotonic() > deadline)
          throw new SpoolerError('protocol', `document ${fileName} never appeared in ${opts.queue}`);
        await sleep(250, signal, clock);
      }
    } finally {
      await this.shell.remove(file).catch(() => undefined);
    }
  }

  async jobState(jobId: string, signal?: AbortSignal): Promise<JobState> {
    const { queue, number } = this.#parse(jobId);
    const job = parseJobs(await this.#run(jobScript(queue, number), signal), queue)[0];
    if (!job) throw new SpoolerError('noJob', `job ${jobId} is not in the Windows spooler`);
    return job.state;
  }

  async cancel(jobId: string, signal?: AbortSignal): Promise<void> {
    const { queue, number } = this.#parse(jobId);
    await this.#run(cancelScript(queue, number), signal);
  }

  async queueState(queue: string, signal?: AbortSignal): Promise<QueueState> {
    try {
      return parsePrinter(await this.#run(printerScript(queue), signal), queue);
    } catch (err) {
      throw err instanceof SpoolerError ? err : new SpoolerError('noQueue', String(err), { cause: err });
    }
  }

  async jobs(queue: string, signal?: AbortSignal): Promise<JobSummary[]> {
    return parseJobs(await this.#run(jobsScript(queue), signal), queue);
  }

  #parse(jobId: string): { queue: string; number: number } {
    const parsed = parseJobId(jobId);
    if (!parsed) throw new SpoolerError('noJob', `not a Windows spooler job id: ${jobId}`);
    return parsed;
  }

  async #run(script: string, signal?: AbortSignal): Promise<string> {
    let result: { stdout: string; stderr: string; exitCode: number };
    try {
      result = await this.shell.run(script, signal);
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new SpoolerError('unreachable', `cannot run PowerShell: ${String(err)}`, { cause: err });
    }
    if (result.exitCode !== 0) {
      const failure = /ObjectNotFound|No printer|not found/i.test(result.stderr) ? 'noQueue' : 'rejected';
      throw new SpoolerError(
        failure,
        result.stderr.trim().slice(0, 300) || `PowerShell exited with ${result.exitCode}`,
      );
    }
    return result.stdout;
  }
}
