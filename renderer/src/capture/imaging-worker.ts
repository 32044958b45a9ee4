// Web Worker: page detection and perspective crop off the UI thread, so touch input stays smooth
// while a 8-megapixel frame is processed.
import { cropPage } from './imaging/crop';
import { detectPage } from './imaging/detect';
import type { RgbaImage } from './imaging/raster';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

/** Pixels of a transferred bitmap; reading 8 MP here keeps the UI thread free. */
function toPixels(frame: RgbaImage | ImageBitmap): RgbaImage {
  if (!(frame instanceof ImageBitmap)) return frame;
  const canvas = new OffscreenCanvas(frame.width, frame.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('OffscreenCanvas 2D is unavailable');
  ctx.drawImage(frame, 0, 0);
  frame.close();
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { width, height, data };
}
let frame: RgbaImage | null = null;

scope.onmessage = (e) => {
  const req = e.data;
  const started = performance.now();
  try {
    switch (req.kind) {
      case 'detect': {
        frame = toPixels(req.frame);
        const detection = detectPage(frame);
        scope.postMessage({
          id: req.id,
          ok: true,
          kind: 'detect',
          detection,
          width: frame.width,
          height: frame.height,
          ms: performance.now() - started,
        });
        return;
      }
      case 'crop': {
        if (!frame) throw new Error('no frame loaded');
        const page = cropPage(frame, req.quad, req.options);
        scope.postMessage({ id: req.id, ok: true, kind: 'crop', page, ms: performance.now() - started }, [
          page.image.data.buffer as ArrayBuffer,
        ]);
        return;
      }
      case 'release':
        frame = null;
        scope.postMessage({ id: req.id, ok: true, kind: 'release' });
        return;
    }
  } catch (err) {
    scope.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
