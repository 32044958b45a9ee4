import type { RefObject } from 'react';
import { useCallback, useEffect, useState } from 'react';
import type { CameraFailure } from './camera-select';
import { IDEAL_RESOLUTION, classifyCameraError, pickCamera } from './camera-select';

export type CameraState =
  | { status: 'starting' }
  | { status: 'live'; track: MediaStreamTrack; label: string }
  | { status: 'error'; failure: CameraFailure };

function constraints(deviceId: string | undefined): MediaStreamConstraints {
  return {
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      width: { ideal: IDEAL_RESOLUTION.width },
      height: { ideal: IDEAL_RESOLUTION.height },
    },
  };
}

const stopStream = (s: MediaStream | null): void => s?.getTracks().forEach((t) => t.stop());

/**
 * Opens the document camera. Device labels are hidden until permission is granted, so after the
 * first stream opens the list is read again and, if a better-named camera exists (the document
 * head rather than the face camera of a two-camera 高拍仪), the stream is reopened on it.
 */
async function openDocumentCamera(md: MediaDevices, preferred: RegExp): Promise<MediaStream> {
  const first = pickCamera(await md.enumerateDevices(), preferred);
  let stream = await md.getUserMedia(constraints(first?.deviceId || undefined));
  const best = pickCamera(await md.enumerateDevices(), preferred);
  const current = stream.getVideoTracks()[0]?.getSettings().deviceId;
  if (best?.deviceId && best.deviceId !== current) {
    stopStream(stream);
    stream = await md.getUserMedia(constraints(best.deviceId));
  }
  return stream;
}

/** Camera lifecycle for the capture screen: open on mount, close on unmount, `retry` after a failure. */
export function useCamera(
  videoRef: RefObject<HTMLVideoElement | null>,
  preferred: RegExp,
): { state: CameraState; retry: () => void } {
  const [state, setState] = useState<CameraState>({ status: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    const start = async (): Promise<void> => {
      try {
        const md = navigator.mediaDevices as MediaDevices | undefined;
        if (!md?.getUserMedia) throw new TypeError('navigator.mediaDevices is unavailable');
        stream = await openDocumentCamera(md, preferred);
        if (cancelled) return stopStream(stream);
        const track = stream.getVideoTracks()[0];
        const video = videoRef.current;
        if (!track || !video) throw new DOMException('no video track', 'NotFoundError');
        // An unplugged camera ends its track; say so instead of showing a frozen picture.
        track.addEventListener('ended', () => {
          if (!cancelled) setState({ status: 'error', failure: 'noCamera' });
        });
        video.srcObject = stream;
        await video.play().catch(() => undefined); // muted autoplay; a rejected play() only delays the first frame
        if (!cancelled) setState({ status: 'live', track, label: track.label });
      } catch (err) {
        if (!cancelled) setState({ status: 'error', failure: classifyCameraError(err) });
      }
    };
    void start();
    return () => {
      cancelled = true;
      stopStream(stream);
    };
  }, [attempt, preferred, videoRef]);

  const retry = useCallback(() => {
    setState({ status: 'starting' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}
