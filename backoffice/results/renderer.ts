import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { FontRegistry, renderPdf, resultNotice } from '../../print-templates/index';

type Reply = { id: number; pdf: Uint8Array } | { id: number; error: string };

/**
 * Renders 办件结果通知书 PDFs in one worker thread. If the worker cannot start or dies (e.g. a
 * runtime that cannot load its module), jobs render in-process instead, so results are never lost.
 */
export class NoticeRenderer {
  #worker: Worker | undefined;
  #broken = false;
  #seq = 0;
  readonly #pending = new Map<
    number,
    { resolve: (b: Buffer) => void; reject: (e: Error) => void; data: unknown }
  >();
  #fonts: FontRegistry | undefined;

  render(data: unknown): Promise<Buffer> {
    const worker = this.#ensure();
    if (!worker) return this.#inProcess(data);
    const id = ++this.#seq;
    return new Promise<Buffer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, data });
      worker.postMessage({ id, data });
    });
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#broken = true;
    this.#worker = undefined;
    if (w) await w.terminate();
  }

  #ensure(): Worker | undefined {
    if (this.#broken) return undefined;
    if (this.#worker) return this.#worker;
    try {
      // From source the worker module is TypeScript: register tsx's loader inside the worker first.
      // The product's bundles carry it as render-worker.mjs beside this chunk (scripts/bundle.mjs); a
      // build without it falls back to in-process rendering.
      const bundled = import.meta.url.endsWith('.mjs');
      const entry = new URL(bundled ? './render-worker.mjs' : './render-worker.ts', import.meta.url).href;
      const boot = bundled
        ? `import(${JSON.stringify(entry)})`
        : `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
      const w = new Worker(boot, { eval: true });
      w.unref();
      w.on('message', (m: Reply) => {
        const job = this.#pending.get(m.id);
        this.#pending.delete(m.id);
        if (!job) return;
        if ('error' in m) job.reject(new Error(m.error));
        else job.resolve(Buffer.from(m.pdf));
      });
      w.on('error', () => this.#fallBack());
      w.on('exit', () => this.#fallBack());
      this.#worker = w;
      return w;
    } catch {
      this.#broken = true;
      return undefined;
    }
  }

  /** The worker died or never started: finish its jobs here. */
  #fallBack(): void {
    this.#broken = true;
    this.#worker = undefined;
    for (const [id, job] of this.#pending) {
      this.#pending.delete(id);
      this.#inProcess(job.data).then(job.resolve, job.reject);
    }
  }

  async #inProcess(data: unknown): Promise<Buffer> {
    this.#fonts ??= new FontRegistry((p) => (existsSync(p) ? readFileSync(p) : undefined));
    return Buffer.from(await renderPdf(resultNotice, data, { fonts: this.#fonts }));
  }
}
