/**
 * The receipt printer driver: owns an injected Transport, renders documents with the profile,
 * prints them one at a time and reports physical outcomes (printed, taken by the customer, held
 * because the paper ran out) rather than "bytes accepted".
 *
 * Job lifecycle: queued → sending → printed → taken (profiles with a presenter sensor), or held
 * (the printer stopped: paperOut, coverOpen, offline, cutterError …; resumable or cancelable), or
 * failed (nothing was printed: safe to submit again), or canceled. Status is polled with DLE EOT
 * only between jobs, never inside one, so a poll can never land inside raster data.
 */
import {
  CommandQueue,
  DeadlineError,
  DeviceDriver,
  DeviceError,
  LinkSupervisor,
  silentLogger,
  sleep,
  systemClock,
  toDeviceError,
  wireTimeMs,
  deadline,
  abortReason,
  type Clock,
  type DeviceStatus,
  type Logger,
  type SupervisorOptions,
  type Transport,
} from '../core';
import { escposPrinterManifest, type PrinterCounter } from './manifest';
import {
  automaticStatusBack,
  blockingReason,
  decodeAsb,
  decodeRealtime,
  encodeReceipt,
  healthOf,
  NO_CONDITIONS,
  realtimeStatus,
  ReceiptEncodeError,
  StatusClassifier,
  toDetail,
  type GlyphRasterizer,
  type PrinterConditions,
  type PrinterDetail,
  type PrinterProfile,
  type ReceiptDocument,
  type StatusQuery,
} from './protocol';

export type PrintJobState = 'queued' | 'sending' | 'printed' | 'taken' | 'held' | 'failed' | 'canceled';

export type PrintJobReason =
  | 'paperOut'
  | 'coverOpen'
  | 'offline'
  | 'cutterError'
  | 'hardwareError'
  | 'notConnected'
  | 'timeout'
  | 'invalidDocument'
  /** The previous process stopped while the receipt was being sent: part of it may be on paper. */
  | 'interrupted';

export interface PrintJob {
  id: string;
  /** Idempotency key: submitting the same key again returns this job instead of printing twice. */
  key: string;
  state: PrintJobState;
  reason?: PrintJobReason;
  /** Times the receipt was sent to the printer (a resumed job is sent again, marked 重打 REPRINT). */
  attempts: number;
  /** True once some of the receipt may be on paper (then a resume prints the reprint marker). */
  partiallyPrinted: boolean;
  updatedAt: number;
}

/**
 * Where job states outlive the process, keyed by idempotency key, so a receipt submitted again
 * after a crash or restart is neither printed twice nor silently dropped. Entries hold states
 * only, never the receipt (it carries names and ID numbers). Calls are synchronous (e.g. SQLite).
 */
export interface PrintJournal {
  get(key: string): PrintJob | undefined;
  put(job: PrintJob): void;
}

/** A printer's settings and its identity (`new EscposPrinterDriver(transport, config, log, clock)`). */
export interface EscposPrinterConfig {
  deviceId: string;
  profile: PrinterProfile;
  /** Needed for profiles that print text or QR as raster (see the profile list in README.md). */
  glyphs?: GlyphRasterizer;
  /** Line speed, used to give a reply the wire time of the job it follows. */
  baudRate: number;
  replyTimeoutMs?: number;
  /** Idle status polling cadence; 0 turns idle polling off. */
  statusPollMs?: number;
  /** Presenter polling cadence while a receipt waits to be taken. */
  takePollMs?: number;
  /** After this, a job stays `printed` and the device reports userError until the receipt goes. */
  takeTimeoutMs?: number;
  /** Ask the printer for Automatic Status Back (GS a) on connect. */
  statusBack?: boolean;
  /** Durable job states (main/printing supplies one); without it idempotency holds for this process only. */
  journal?: PrintJournal;
  supervisor?: Partial<SupervisorOptions>;
}

const REPRINT_MARKER: ReceiptDocument['blocks'] = [
  {
    kind: 'text',
    align: 'center',
    runs: [{ text: '重打 REPRINT', bold: true, doubleWidth: true, doubleHeight: true }],
  },
  { kind: 'rule', style: 'double' },
];

interface JobRecord extends PrintJob {
  doc: ReceiptDocument;
}

type Waiter = { resolve: (b: number) => void; reject: (e: Error) => void };

export class EscposPrinterDriver extends DeviceDriver<PrinterDetail, { job: PrintJob }, PrinterCounter> {
  readonly #queue: CommandQueue;
  readonly #classifier: StatusClassifier;
  readonly #waiters: Waiter[] = [];
  readonly #jobs = new Map<string, JobRecord>();
  readonly #byKey = new Map<string, JobRecord>();
  #conditions: PrinterConditions = { ...NO_CONDITIONS };
  #supervisor: LinkSupervisor | undefined;
  #stopPolling: AbortController | undefined;
  /** Aborted by stop(): ends waits that outlive a command (the presenter watch). */
  #life = new AbortController();
  #running = false;
  #seq = 0;
  /** Distinguishes job ids of this driver instance from those an earlier process recorded. */
  readonly #epoch: string;

  constructor(
    private readonly transport: Transport,
    private readonly opts: EscposPrinterConfig,
    log: Logger = silentLogger,
    clock: Clock = systemClock,
  ) {
    super(
      escposPrinterManifest,
      {
        deviceId: opts.deviceId,
        detail: toDetail(NO_CONDITIONS, { cutter: opts.profile.cutter !== 'none' }),
        link: () => transport.describe,
        counters: escposPrinterManifest.counters,
      },
      log,
      clock,
    );
    this.#epoch = clock.now().toString(36);
    this.#queue = new CommandQueue({ deviceId: opts.deviceId, defaultTimeoutMs: this.#replyMs * 6, clock });
    this.#classifier = new StatusClassifier(opts.profile.statusBits.replyMask);
    transport.onData((chunk) => this.#accept(chunk));
    transport.onClose(() => {
      for (const w of this.#waiters.splice(0))
        w.reject(new DeviceError('notConnected', 'link closed', { deviceId: opts.deviceId }));
    });
  }

  get #replyMs(): number {
    return this.opts.replyTimeoutMs ?? 1000;
  }

  /** The printer's wall-clock time (the test slip prints it). */
  now(): number {
    return this.clock.now();
  }

  /** Whether the model can tell that a receipt was taken (a presenter sensor). */
  get knowsTaken(): boolean {
    return this.opts.profile.statusBits.receiptNotTaken !== null;
  }

  protected override identity(): Record<string, string | number | null> {
    return { profile: this.opts.profile.name, baudRate: this.opts.baudRate };
  }

  /** Keeps the link open (reconnecting with backoff) and polls status between jobs. */
  start(): void {
    if (this.#supervisor) return;
    const sup = (this.#supervisor = new LinkSupervisor(
      this.transport,
      { initialBackoffMs: 500, maxBackoffMs: 10_000, debounceMs: 3_000, ...this.opts.supervisor },
      this.log,
      async (signal) => {
        if (this.opts.statusBack) await this.transport.write(automaticStatusBack(0xff), signal);
        await this.refreshStatus(signal).catch(() => undefined);
      },
      this.clock,
    ));
    sup.onState((state) => {
      if (state === 'lost') this.status.update({ health: 'noDevice', lastError: { code: 'notConnected' } });
    });
    sup.start();
    const poll = (this.#stopPolling = new AbortController());
    void this.#pollLoop(poll.signal);
  }

  /**
   * Stops polling, the link supervisor and any presenter watch (a job waiting to be taken stays
   * `printed`), and closes the link; the driver can be started again.
   */
  async stop(): Promise<void> {
    this.#stopPolling?.abort();
    this.#stopPolling = undefined;
    this.#life.abort(new DeviceError('canceled', 'driver stopped', { deviceId: this.opts.deviceId }));
    this.#life = new AbortController();
    const sup = this.#supervisor;
    this.#supervisor = undefined;
    if (sup) await sup.stop();
    else await this.transport.close();
  }

  /**
   * Follows a printed receipt: `taken` once the customer took it, `notTaken` when it is still in the
   * presenter after `timeoutMs`, `unknown` on a model without a presenter sensor.
   */
  async waitTaken(
    id: string,
    opts: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<'taken' | 'notTaken' | 'unknown'> {
    if (!this.knowsTaken) return 'unknown';
    const limit = deadline(opts.timeoutMs, [opts.signal], this.clock);
    try {
      await this.waitForJob(id, ['taken'], limit.signal);
      return 'taken';
    } catch (err) {
      if (limit.signal.reason instanceof DeadlineError && !opts.signal?.aborted) return 'notTaken';
      throw toDeviceError(err, { deviceId: this.opts.deviceId, command: 'waitTaken' }, opts.signal);
    } finally {
      limit.dispose();
    }
  }

  /** One DLE EOT 1–4 round, mapped to Health + detail. Rejects with a DeviceError when the printer is silent. */
  refreshStatus(signal?: AbortSignal): Promise<DeviceStatus<PrinterDetail>> {
    return this.#queue
      .run(
        'status',
        async (s) => {
          await this.#pollAll(s, 0);
          return this.status.current;
        },
        { signal },
      )
      .catch((err: unknown) => {
        const e = toDeviceError(err, { deviceId: this.opts.deviceId, command: 'status' }, signal);
        if (e.code === 'timeout' || e.code === 'notConnected')
          this.status.update({ health: 'noDevice', lastError: { code: e.code } });
        throw e;
      });
  }

  /**
   * Queues a receipt. The same `key` returns the existing job unless that one failed or was
   * canceled. With a journal this also holds across restarts: a key recorded as printed or taken
   * is not printed again, and one recorded while sending or held comes back `held` (resume prints
   * it with the reprint banner when part of it may be on paper).
   */
  submit(doc: ReceiptDocument, options: { key: string }): PrintJob {
    const existing = this.#byKey.get(options.key);
    if (existing && existing.state !== 'failed' && existing.state !== 'canceled') return snapshot(existing);
    const recorded = existing ? undefined : this.opts.journal?.get(options.key);
    if (
      recorded &&
      recorded.state !== 'failed' &&
      recorded.state !== 'canceled' &&
      recorded.state !== 'queued'
    )
      return this.#adopt(recorded, doc);
    const job: JobRecord = {
      id: `${this.opts.deviceId}-${this.#epoch}-${++this.#seq}`,
      key: options.key,
      state: 'queued',
      attempts: 0,
      partiallyPrinted: false,
      updatedAt: this.clock.now(),
      doc,
    };
    this.#jobs.set(job.id, job);
    this.#byKey.set(job.key, job);
    this.#emit(job);
    void this.#runJobs();
    return snapshot(job);
  }

  /** A job an earlier process recorded: printed/taken stay done; sending/held wait for resume() or cancel(). */
  #adopt(recorded: PrintJob, doc: ReceiptDocument): PrintJob {
    const done = recorded.state === 'printed' || recorded.state === 'taken';
    const job: JobRecord = {
      ...recorded,
      state: done ? recorded.state : 'held',
      partiallyPrinted: recorded.partiallyPrinted || recorded.state === 'sending',
      updatedAt: this.clock.now(),
      doc,
    };
    if (!done) job.reason = recorded.state === 'sending' ? 'interrupted' : (recorded.reason ?? 'interrupted');
    this.#jobs.set(job.id, job);
    this.#byKey.set(job.key, job);
    this.log.info('printer.jobRecovered', { job: job.id, was: recorded.state, state: job.state });
    if (!done) this.#set(job, 'held', job.reason);
    return snapshot(job);
  }

  job(id: string): PrintJob | undefined {
    const j = this.#jobs.get(id);
    return j && snapshot(j);
  }

  /** Resolves when the job reaches one of `states` (immediately if it already has). */
  async waitForJob(id: string, states: PrintJobState[], signal?: AbortSignal): Promise<PrintJob> {
    const j = this.#jobs.get(id);
    if (!j)
      throw new DeviceError(
        'invalidArgument',
        `no job ${id}`,
        { deviceId: this.opts.deviceId },
        { detail: 'unknownJob' },
      );
    if (states.includes(j.state)) return snapshot(j);
    return this.events.next('job', signal, (p) => p.id === id && states.includes(p.state));
  }

  /** Sends a held job again from the start of the receipt (with the reprint marker if part of it printed). */
  resume(id: string): PrintJob {
    const j = this.#held(id, 'resume');
    this.#set(j, 'queued');
    void this.#runJobs();
    return snapshot(j);
  }

  cancel(id: string): PrintJob {
    const j = this.#jobs.get(id);
    if (!j || (j.state !== 'held' && j.state !== 'queued'))
      throw new DeviceError(
        'sequence',
        'only queued or held jobs can be canceled',
        { deviceId: this.opts.deviceId, command: 'cancel' },
        { detail: 'jobNotCancelable' },
      );
    this.#set(j, 'canceled');
    return snapshot(j);
  }

  #held(id: string, command: string): JobRecord {
    const j = this.#jobs.get(id);
    if (!j || j.state !== 'held')
      throw new DeviceError(
        'sequence',
        'the job is not held',
        { deviceId: this.opts.deviceId, command },
        { detail: 'jobNotHeld' },
      );
    return j;
  }

  async #runJobs(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let next = this.#nextQueued(); next; next = this.#nextQueued()) await this.#run(next);
    } finally {
      this.#running = false;
    }
  }

  #nextQueued(): JobRecord | undefined {
    for (const j of this.#jobs.values()) if (j.state === 'queued') return j;
    return undefined;
  }

  async #run(job: JobRecord): Promise<void> {
    let bytes: Uint8Array;
    try {
      const doc = job.partiallyPrinted ? { blocks: [...REPRINT_MARKER, ...job.doc.blocks] } : job.doc;
      bytes = encodeReceipt(doc, this.opts.profile, { glyphs: this.opts.glyphs });
    } catch (err) {
      this.log.warn('printer.jobRejected', {
        job: job.id,
        detail: err instanceof ReceiptEncodeError ? err.detail : String(err),
      });
      return this.#set(job, 'failed', 'invalidDocument');
    }
    this.#set(job, 'sending');
    const wireMs = wireTimeMs(bytes.length, this.opts.baudRate);
    let sent = false;
    try {
      const reason = await this.#queue.run(
        'print',
        async (s) => {
          const before = blockingReason(await this.#pollAll(s, 0));
          if (before) return before;
          sent = true;
          job.attempts++;
          await this.transport.write(bytes, s);
          // The printer answers DLE EOT after it has consumed the receipt, so the first reply may take the wire time.
          return blockingReason(await this.#pollAll(s, wireMs * 2 + 1000));
        },
        { timeoutMs: this.#replyMs * 8 + wireMs * 2 + 1000 },
      );
      if (reason) {
        if (sent) job.partiallyPrinted = true;
        return this.#set(job, 'held', reason);
      }
    } catch (err) {
      const e = toDeviceError(err, { deviceId: this.opts.deviceId, command: 'print' });
      const reason: PrintJobReason = e.code === 'notConnected' ? 'notConnected' : 'timeout';
      if (!sent) return this.#set(job, 'failed', reason);
      // Bytes went out but the printer fell silent: part of it may be on paper. Hold for a decision.
      job.partiallyPrinted = true;
      return this.#set(job, 'held', reason);
    }
    this.#set(job, 'printed');
    this.counts.add('receiptsPrinted');
    if (job.partiallyPrinted) this.counts.add('reprints');
    if (this.opts.profile.statusBits.receiptNotTaken) await this.#awaitTaken(job);
  }

  async #awaitTaken(job: JobRecord): Promise<void> {
    const giveUpAt = this.clock.monotonic() + (this.opts.takeTimeoutMs ?? 60_000);
    const life = this.#life.signal;
    // A receipt waiting to print ends the watch: printing it pushes this one out of the presenter
    // (the printer ejects or retracts it), and a slip nobody took, such as the boot status slip,
    // must not hold the next citizen's receipt back for the take timeout.
    let superseded = false;
    while (this.clock.monotonic() < giveUpAt && this.transport.isOpen && !life.aborted) {
      if ((superseded = this.#nextQueued() !== undefined)) break;
      try {
        const notTaken = await this.#queue.run(
          'presenter',
          async (s) => {
            // A full round, not only the presenter's byte: the status poll waits while a job runs,
            // and paper running out or the cover opened meanwhile must still reach the status.
            await this.#pollAll(s, 0);
            return this.#conditions.receiptNotTaken;
          },
          { signal: life },
        );
        if (notTaken === false) {
          this.counts.add('receiptsTaken');
          return this.#set(job, 'taken');
        }
      } catch (err) {
        if (life.aborted) break;
        this.log.warn('printer.presenterPollFailed', {
          job: job.id,
          error: toDeviceError(err, { deviceId: this.opts.deviceId }).code,
        });
      }
      try {
        await sleep(this.opts.takePollMs ?? 250, life, this.clock);
      } catch {
        break;
      }
    }
    if (!life.aborted) this.counts.add('receiptsNotTaken');
    this.log.warn('printer.receiptNotTaken', {
      job: job.id,
      ...(life.aborted ? { stopped: true } : {}),
      ...(superseded ? { superseded: true } : {}),
    });
  }

  async #pollLoop(signal: AbortSignal): Promise<void> {
    const every = this.opts.statusPollMs ?? 2000;
    if (every <= 0) return;
    while (!signal.aborted) {
      try {
        await sleep(every, signal, this.clock);
      } catch {
        return;
      }
      if (this.#running || this.#queue.pending > 0 || !this.transport.isOpen) continue;
      await this.refreshStatus(signal).catch(() => undefined);
    }
  }

  async #pollAll(signal: AbortSignal, firstExtraMs: number): Promise<PrinterConditions> {
    for (const n of [1, 2, 3, 4] as const) await this.#pollOne(n, signal, n === 1 ? firstExtraMs : 0);
    return this.#conditions;
  }

  async #pollOne(n: StatusQuery, signal: AbortSignal, extraMs: number): Promise<void> {
    // Disposed as soon as the reply is in: a live timer would hold a short-lived process (the CLI) open.
    const limit = deadline(this.#replyMs + extraMs, [signal], this.clock);
    const settled = new AbortController(); // withdraws the waiter when we leave without its reply
    try {
      const reply = this.#nextReply(AbortSignal.any([limit.signal, settled.signal]));
      reply.catch(() => undefined); // awaited below; this only keeps a failed write from orphaning it
      await this.transport.write(realtimeStatus(n), limit.signal);
      const byte = await reply;
      this.#merge(decodeRealtime({ [n]: byte }, this.opts.profile.statusBits));
    } finally {
      settled.abort();
      limit.dispose();
    }
  }

  #nextReply(signal: AbortSignal): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (signal.aborted) return reject(abortReason(signal));
      const waiter: Waiter = {
        resolve: (b) => {
          signal.removeEventListener('abort', onAbort);
          resolve(b);
        },
        reject: (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      const onAbort = () => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #accept(chunk: Uint8Array): void {
    for (const f of this.#classifier.push(chunk)) {
      if (f.kind === 'realtime') this.#waiters.shift()?.resolve(f.byte);
      else this.#merge(decodeAsb(f.bytes));
    }
  }

  #merge(change: Partial<PrinterConditions>): void {
    this.#conditions = { ...this.#conditions, ...change };
    this.status.update({
      health: healthOf(this.#conditions),
      detail: toDetail(this.#conditions, { cutter: this.opts.profile.cutter !== 'none' }),
    });
  }

  #set(job: JobRecord, state: PrintJobState, reason?: PrintJobReason): void {
    if (state === 'held') this.counts.add('jobsHeld');
    if (state === 'failed') this.counts.add('jobsFailed');
    job.state = state;
    if (reason) job.reason = reason;
    else delete job.reason;
    job.updatedAt = this.clock.now();
    this.log.info('printer.job', {
      job: job.id,
      state,
      ...(reason ? { reason } : {}),
      attempts: job.attempts,
    });
    this.#emit(job);
  }

  #emit(job: JobRecord): void {
    const snap = snapshot(job);
    this.opts.journal?.put(snap);
    this.events.emit('job', snap);
  }
}

function snapshot(j: JobRecord): PrintJob {
  const { doc: _doc, ...rest } = j;
  return { ...rest };
}
