import type { CropOptions, CroppedPage } from './imaging/crop';
import type { Detection } from './imaging/detect';
import type { Quad } from './imaging/geometry';
import type { RgbaImage } from './imaging/raster';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

type Pending = { resolve: (r: WorkerResponse & { ok: true }) => void; reject: (e: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export const createImagingWorker = (): Worker =>
  new Worker(new URL('./imaging-worker.ts', import.meta.url), { type: 'module', name: 'capture-imaging' });

/** Promise-based access to the imaging worker; one instance per capture screen. */
export class ImagingClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(factory: () => Worker = createImagingWorker) {
    this.worker = factory();
    this.worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data);
      else p.reject(new Error(e.data.message));
    };
    // A worker that fails to load or crashes must not leave the screen waiting forever.
    this.worker.onerror = (e) => this.failAll(new Error(`imaging worker failed: ${e.message}`));
  }

  /**
   * Hands the frame to the worker, which keeps it for `crop`. It is transferred, not copied: the
   * caller's bitmap or pixel buffer is unusable afterwards.
   */
  async detect(
    frame: RgbaImage | ImageBitmap,
  ): Promise<{ detection: Detection; width: number; height: number; ms: number }> {
    const transfer = 'data' in frame ? [frame.data.buffer as ArrayBuffer] : [frame];
    const r = await this.send({ kind: 'detect', frame }, transfer);
    if (r.kind !== 'detect') throw new Error('unexpected worker reply');
    return { detection: r.detection, width: r.width, height: r.height, ms: r.ms };
  }

  async crop(quad: Quad, options: CropOptions): Promise<{ page: CroppedPage; ms: number }> {
    const r = await this.send({ kind: 'crop', quad, options }, []);
    if (r.kind !== 'crop') throw new Error('unexpected worker reply');
    return { page: r.page, ms: r.ms };
  }

  async release(): Promise<void> {
    await this.send({ kind: 'release' }, []);
  }

  dispose(): void {
    this.worker.terminate();
    this.failAll(new Error('imaging worker disposed'));
  }

  private send(body: RequestBody, transfer: Transferable[]): Promise<WorkerResponse & { ok: true }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: WorkerRequest = { ...body, id };
      this.worker.postMessage(request, transfer);
    });
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
