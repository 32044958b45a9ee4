import type { RgbaImage } from './imaging/raster';

declare global {
  // Chromium implements grabFrame (Image Capture spec); TypeScript's DOM lib lists only takePhoto.
  interface ImageCapture {
    grabFrame(): Promise<ImageBitmap>;
  }
}

export interface GrabbedFrame {
  frame: RgbaImage;
  /** Object URL of a downscaled JPEG for the corner editor; revoke it when done. */
  previewUrl: string;
}

interface Source {
  image: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

async function grabSource(video: HTMLVideoElement, track: MediaStreamTrack): Promise<Source> {
  // ImageCapture exists in Chromium/Electron; feature-test it for other engines.
  if (typeof ImageCapture === 'function' && track.readyState === 'live') {
    try {
      const bmp = await new ImageCapture(track).grabFrame();
      return { image: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
    } catch {
      // Some UVC drivers reject grabFrame while streaming; the <video> element still has the frame.
    }
  }
  if (!video.videoWidth || !video.videoHeight) throw new Error('the camera has not delivered a frame yet');
  return { image: video, width: video.videoWidth, height: video.videoHeight, close: () => undefined };
}

export function canvasToBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error(`canvas could not encode ${type}`))),
      type,
      quality,
    ),
  );
}

export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas is unavailable');
  return ctx;
}

/** One full-resolution frame from the camera as RGBA pixels, plus a small preview to show. */
export async function grabFrame(
  video: HTMLVideoElement,
  track: MediaStreamTrack,
  previewMaxSide = 1280,
): Promise<GrabbedFrame> {
  const src = await grabSource(video, track);
  try {
    const canvas = document.createElement('canvas');
    canvas.width = src.width;
    canvas.height = src.height;
    const ctx = context2d(canvas);
    ctx.drawImage(src.image, 0, 0);
    const pixels = ctx.getImageData(0, 0, src.width, src.height);
    const s = Math.min(1, previewMaxSide / Math.max(src.width, src.height));
    const preview = document.createElement('canvas');
    preview.width = Math.round(src.width * s);
    preview.height = Math.round(src.height * s);
    context2d(preview).drawImage(canvas, 0, 0, preview.width, preview.height);
    const blob = await canvasToBlob(preview, 'image/jpeg', 0.85);
    return {
      frame: { width: src.width, height: src.height, data: pixels.data },
      previewUrl: URL.createObjectURL(blob),
    };
  } finally {
    src.close();
  }
}
