/**
 * Renders A4 templates in one warm worker thread, off the host's event loop. The worker is started
 * (and warmed: fonts parsed, one small document drawn) ahead of the first citizen. If it crashes,
 * the crash is logged and reported, a new worker starts, and the documents it was drawing are drawn
 * again once; a document that takes a second worker down fails (`renderFailed`) instead of taking
 * the renderer down in a loop. A worker that cannot start at all (a package without its bundle)
 * leaves rendering in-process, said so in the log.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Emitter, silentLogger, type Logger } from '../../devices/core';
import { DEFAULT_TIME_ZONE } from '../../domain/time';
import type { createRenderJob, RenderReply, RenderRequest } from './render-job';

export type RenderErrorCode = 'unknownTemplate' | 'invalidData' | 'renderFailed';

export class RenderError extends Error {
  override readonly name = 'RenderError';
  constructor(
    readonly code: RenderErrorCode,
    message: string,
    /** invalidData: one "field.path: message" per bad field. */
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

export interface RendererOptions {
  log?: Logger;
  /** The worker module; default the sibling print-worker.mjs (bundled) or render-worker.ts (sources). */
  workerUrl?: URL;
  /** Consecutive workers that die before they are ready before rendering moves in-process. */
  maxStartFailures?: number;
}

interface Pending {
  req: RenderRequest;
  attempts: number;
  resolve: (pdf: Uint8Array) => void;
  reject: (err: Error) => void;
}

export interface RendererEvents extends Record<string, unknown> {
  /** A worker died; `inFlight` documents are drawn again (or failed after their second crash). */
  crashed: { exitCode: number | null; error?: string; inFlight: number; crashes: number };
}

function defaultWorkerUrl(): URL | undefined {
  // Bundled as print-worker.mjs: the back office's own render-worker.mjs sits in the same folder.
  for (const name of ['./print-worker.mjs', './render-worker.ts']) {
    const url = new URL(name, import.meta.url);
    try {
      if (existsSync(fileURLToPath(url))) return url;
    } catch {
      // not a file: URL (e.g. a bundle loaded from elsewhere)
    }
  }
  return undefined;
}

export class A4Renderer {
  readonly events = new Emitter<RendererEvents>();
  readonly #log: Logger;
  readonly #url: URL | undefined;
  readonly #maxStartFailures: number;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #startFailures = 0;
  #crashes = 0;
  #seq = 0;
  #closed = false;
  #inProcess: ReturnType<typeof createRenderJob> | undefined;
  #useInProcess = false;

  constructor(opts: RendererOptions = {}) {
    this.#log = (opts.log ?? silentLogger).child({ component: 'printing.renderer' });
    this.#url = opts.workerUrl ?? defaultWorkerUrl();
    this.#maxStartFailures = opts.maxStartFailures ?? 3;
    if (!this.#url) {
      this.#useInProcess = true;
      this.#log.warn('printing.rendererInProcess', { why: 'no render worker module next to the host' });
    }
  }

  /** Workers that crashed so far. */
  get crashes(): number {
    return this.#crashes;
  }

  /** Starts and warms the worker; resolves when it is ready (or rendering has moved in-process). */
  start(): Promise<void> {
    if (this.#useInProcess) return Promise.resolve();
    this.#ensure();
    return this.#ready!;
  }

  /** The PDF of `templateId` for `data`; RenderError when the data or the template is refused. */
  render(
    templateId: string,
    data: unknown,
    opts: { timeZone?: string | undefined } = {},
  ): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(new Error('renderer closed'));
    const req: RenderRequest = {
      id: ++this.#seq,
      templateId,
      data,
      timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
    };
    return new Promise<Uint8Array>((resolve, reject) => {
      const job: Pending = { req, attempts: 0, resolve, reject };
      this.#pending.set(req.id, job);
      this.#dispatch(job);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const w = this.#worker;
    this.#worker = undefined;
    for (const job of this.#pending.values()) job.reject(new Error('renderer closed'));
    this.#pending.clear();
    if (w) await w.terminate();
  }

  #dispatch(job: Pending): void {
    job.attempts++;
    if (this.#useInProcess) return void this.#renderHere(job);
    this.#ensure().postMessage(job.req);
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const url = this.#url!;
    // Sources run through tsx: register its loader inside the worker before loading the module.
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`,
          { eval: true },
        )
      : new Worker(url);
    worker.unref();
    let ready = false;
    let failure: string | undefined;
    this.#ready = new Promise<void>((resolve) => {
      worker.on('message', (m: RenderReply | { ready: true }) => {
        if ('ready' in m) {
          ready = true;
          this.#startFailures = 0;
          this.#log.info('printing.rendererReady', { threadId: worker.threadId });
          return resolve();
        }
        this.#settle(m);
      });
      worker.on('error', (err) => {
        failure = err instanceof Error ? err.message : String(err);
      });
      worker.on('exit', (code) => {
        if (this.#worker === worker) this.#worker = undefined;
        if (this.#closed) return resolve();
        this.#crashed(worker, code, failure, ready);
        resolve();
      });
    });
    this.#worker = worker;
    return worker;
  }

  #crashed(worker: Worker, exitCode: number | null, error: string | undefined, wasReady: boolean): void {
    this.#crashes++;
    const inFlight = [...this.#pending.values()];
    this.#log.error('printing.rendererCrashed', {
      threadId: worker.threadId,
      exitCode,
      ...(error ? { error } : {}),
      inFlight: inFlight.length,
      crashes: this.#crashes,
    });
    this.events.emit('crashed', {
      exitCode,
      ...(error ? { error } : {}),
      inFlight: inFlight.length,
      crashes: this.#crashes,
    });
    if (!wasReady && ++this.#startFailures >= this.#maxStartFailures) {
      this.#useInProcess = true;
      this.#log.error('printing.rendererInProcess', { why: 'the render worker does not start', error });
    }
    for (const job of inFlight) {
      if (job.attempts >= 2) {
        this.#pending.delete(job.req.id);
        this.#log.error('printing.renderGivenUp', { templateId: job.req.templateId, attempts: job.attempts });
        job.reject(
          new RenderError('renderFailed', `rendering ${job.req.templateId} crashed the renderer twice`),
        );
      } else this.#dispatch(job);
    }
    // Keep a warm worker ready for the next citizen even when nothing was in flight.
    if (!this.#useInProcess && !this.#closed) this.#ensure();
  }

  #settle(reply: RenderReply): void {
    const job = this.#pending.get(reply.id);
    if (!job) return;
    this.#pending.delete(reply.id);
    if ('pdf' in reply) job.resolve(reply.pdf);
    else job.reject(new RenderError(reply.error.code, reply.error.message, reply.error.issues));
  }

  async #renderHere(job: Pending): Promise<void> {
    try {
      this.#inProcess ??= (await import('./render-job')).createRenderJob();
      this.#settle(await this.#inProcess.run(job.req));
    } catch (err) {
      this.#pending.delete(job.req.id);
      job.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
