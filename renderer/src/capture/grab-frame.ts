declare global {
  // Chromium implements grabFrame (Image Capture spec); TypeScript's DOM lib lists only takePhoto.
  interface ImageCapture {
    grabFrame(): Promise<ImageBitmap>;
  }
}

export interface GrabbedFrame {
  /** Full-resolution frame; hand it to the imaging worker (transfer), which reads its pixels. */
  bitmap: ImageBitmap;
  /** Object URL of a downscaled JPEG for the corner editor; revoke it when done. */
  previewUrl: string;
}

async function grabBitmap(video: HTMLVideoElement, track: MediaStreamTrack): Promise<ImageBitmap> {
  // ImageCapture exists in Chromium/Electron; feature-test it for other engines.
  if (typeof ImageCapture === 'function' && track.readyState === 'live') {
    try {
      return await new ImageCapture(track).grabFrame();
    } catch {
      // Some UVC drivers reject grabFrame while streaming; the <video> element still has the frame.
    }
  }
  if (!video.videoWidth || !video.videoHeight) throw new Error('the camera has not delivered a frame yet');
  return createImageBitmap(video);
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

/**
 * One full-resolution frame from the camera plus a small preview to show. Only the preview is
 * drawn on this (UI) thread; reading the full frame's pixels happens in the worker.
 */
export async function grabFrame(
  video: HTMLVideoElement,
  track: MediaStreamTrack,
  previewMaxSide = 1280,
): Promise<GrabbedFrame> {
  const bitmap = await grabBitmap(video, track);
  try {
    const s = Math.min(1, previewMaxSide / Math.max(bitmap.width, bitmap.height));
    const preview = document.createElement('canvas');
    preview.width = Math.round(bitmap.width * s);
    preview.height = Math.round(bitmap.height * s);
    context2d(preview).drawImage(bitmap, 0, 0, preview.width, preview.height);
    const blob = await canvasToBlob(preview, 'image/jpeg', 0.85);
    return { bitmap, previewUrl: URL.createObjectURL(blob) };
  } catch (err) {
    bitmap.close();
    throw err;
  }
}
