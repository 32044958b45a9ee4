/** The document head of a 高拍仪 usually announces itself by name ("Doccamera", "高拍仪 文档"). */
export const DOCUMENT_CAMERA_LABEL = /doc|高拍/i;

/** Full sensor of the common 8 MP document heads; the browser picks the closest mode offered. */
export const IDEAL_RESOLUTION = { width: 3264, height: 2448 } as const;

export interface CameraInfo {
  deviceId: string;
  label: string;
  kind: string;
}

/**
 * The video input to use: the first whose label matches `preferred`, else the first video input.
 * Labels are empty until camera permission is granted, so callers re-run this afterwards.
 */
export function pickCamera<T extends CameraInfo>(
  devices: readonly T[],
  preferred = DOCUMENT_CAMERA_LABEL,
): T | null {
  const videos = devices.filter((d) => d.kind === 'videoinput');
  return videos.find((d) => preferred.test(d.label)) ?? videos[0] ?? null;
}

export type CameraFailure = 'noCamera' | 'denied' | 'busy' | 'unsupported' | 'failed';

/** Maps getUserMedia's DOMException names onto what the screen tells the citizen. */
export function classifyCameraError(err: unknown): CameraFailure {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'noCamera';
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'failed';
  }
}
