// Messages between the capture component and the imaging worker. The worker keeps the last full
// frame so the (large) pixel buffer crosses the thread boundary once, by transfer.
import type { CropOptions, CroppedPage } from './imaging/crop';
import type { Detection } from './imaging/detect';
import type { Quad } from './imaging/geometry';
import type { RgbaImage } from './imaging/raster';

export type WorkerRequest =
  /** A camera ImageBitmap (decoded to pixels inside the worker) or ready RGBA pixels. */
  | { id: number; kind: 'detect'; frame: RgbaImage | ImageBitmap }
  | { id: number; kind: 'crop'; quad: Quad; options: CropOptions }
  | { id: number; kind: 'release' };

export type WorkerResponse =
  | { id: number; ok: true; kind: 'detect'; detection: Detection; width: number; height: number; ms: number }
  | { id: number; ok: true; kind: 'crop'; page: CroppedPage; ms: number }
  | { id: number; ok: true; kind: 'release' }
  | { id: number; ok: false; message: string };
