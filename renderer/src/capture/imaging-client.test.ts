import { describe, expect, test } from 'vitest';
import { ImagingClient } from './imaging-client';
import { detectPage } from './imaging/detect';
import type { RgbaImage } from './imaging/raster';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** Stands in for the Web Worker: answers on a later tick, or never, or crashes. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  transferred: Transferable[] = [];
  constructor(private readonly mode: 'answer' | 'silent') {}
  postMessage(req: WorkerRequest, transfer: Transferable[]): void {
    this.transferred.push(...transfer);
    if (this.mode === 'silent') return;
    const reply: WorkerResponse =
      req.kind === 'detect'
        ? {
            id: req.id,
            ok: true,
            kind: 'detect',
            detection: detectPage(req.frame as RgbaImage),
            width: 64,
            height: 48,
            ms: 1,
          }
        : { id: req.id, ok: false, message: 'no frame loaded' };
    setTimeout(() => this.onmessage?.({ data: reply } as MessageEvent<WorkerResponse>), 0);
  }
  crash(message: string): void {
    this.onerror?.({ message } as ErrorEvent);
  }
  terminate(): void {}
}

const frame = () => ({ width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4) });

describe('ImagingClient', () => {
  test('transfers the frame and resolves with the worker reply', async () => {
    const fake = new FakeWorker('answer');
    const client = new ImagingClient(() => fake as unknown as Worker);
    const f = frame();
    const { detection } = await client.detect(f);
    expect(detection.found).toBe(false); // an all-black frame has no page
    expect(fake.transferred).toContain(f.data.buffer);
  });

  test('turns a worker error reply into a rejection', async () => {
    const client = new ImagingClient(() => new FakeWorker('answer') as unknown as Worker);
    const quad = { tl: { x: 0, y: 0 }, tr: { x: 1, y: 0 }, br: { x: 1, y: 1 }, bl: { x: 0, y: 1 } };
    await expect(client.crop(quad, {})).rejects.toThrow('no frame loaded');
  });

  test('a crashed or disposed worker rejects pending calls instead of hanging', async () => {
    const fake = new FakeWorker('silent');
    const client = new ImagingClient(() => fake as unknown as Worker);
    const pending = client.detect(frame());
    fake.crash('out of memory');
    await expect(pending).rejects.toThrow('imaging worker failed: out of memory');
    const next = client.detect(frame());
    client.dispose();
    await expect(next).rejects.toThrow('disposed');
  });
});
