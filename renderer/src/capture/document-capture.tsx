import { useCallback, useEffect, useRef, useState } from 'react';
import './capture.css';
import { DOCUMENT_CAMERA_LABEL } from './camera-select';
import type { CapturedPage } from './captured-page';
import { CornerEditor } from './corner-editor';
import { canvasJpegEncoder, scaledSize } from './encode-jpeg';
import { grabFrame } from './grab-frame';
import { ImagingClient } from './imaging-client';
import type { Detection } from './imaging/detect';
import type { Quad } from './imaging/geometry';
import { DEFAULT_PAGE_BUDGET, JpegBudgetError, encodeWithinBudget } from './imaging/jpeg-budget';
import type { PaperChoice, PaperKind } from './imaging/paper';
import type { Bilingual } from './messages';
import { CAMERA_FAILURE_MSG, DETECTION_ISSUE_MSG, MSG, pagesTaken } from './messages';
import { useCamera } from './use-camera';

export interface DocumentCaptureProps {
  /** Receives the finished page set (in the product: sent over IPC to main/scanning for the PDF). */
  onComplete: (pages: CapturedPage[]) => void;
  onCancel?: () => void;
  /** `auto` decides A4 vs ID card per page from its shape. */
  paper?: PaperChoice;
  maxPages?: number;
  /** Per-page JPEG byte budget by paper kind. */
  pageBudget?: Record<PaperKind, number>;
  /** Which camera is the document head, matched against device labels. */
  cameraLabel?: RegExp;
  /** Injection point for tests; defaults to the bundled imaging worker. */
  createWorker?: () => Worker;
}

interface FrameView {
  width: number;
  height: number;
  previewUrl: string;
}

type Step =
  | { kind: 'live' }
  | { kind: 'detecting' }
  | { kind: 'adjust'; frame: FrameView; detection: Detection; quad: Quad; edited: boolean }
  | { kind: 'encoding'; frame: FrameView }
  | { kind: 'review' };

interface PageEntry {
  page: CapturedPage;
  thumbUrl: string;
}

function Text({ m }: { m: Bilingual }) {
  return (
    <>
      {m.zh}
      <small className="dc-subtitle">{m.en}</small>
    </>
  );
}

function BigButton(props: { m: Bilingual; onClick: () => void; secondary?: boolean; disabled?: boolean }) {
  return (
    <button
      type="button"
      className={props.secondary ? 'dc-button dc-button-secondary' : 'dc-button'}
      onClick={props.onClick}
      disabled={props.disabled ?? false}
      aria-label={`${props.m.zh} ${props.m.en}`}
    >
      {props.m.zh}
      <small>{props.m.en}</small>
    </button>
  );
}

/**
 * The 高拍仪 capture screen: live view → capture → automatic page outline (adjustable) →
 * deskewed JPEG within its byte budget → more pages or finish.
 */
export function DocumentCapture(props: DocumentCaptureProps) {
  const { onComplete, onCancel, createWorker } = props;
  const paper = props.paper ?? 'auto';
  const maxPages = props.maxPages ?? 20;
  const budget = props.pageBudget ?? DEFAULT_PAGE_BUDGET;
  const cameraLabel = props.cameraLabel ?? DOCUMENT_CAMERA_LABEL;

  const videoRef = useRef<HTMLVideoElement>(null);
  const clientRef = useRef<ImagingClient | null>(null);
  const { state: camera, retry } = useCamera(videoRef, cameraLabel);
  const [step, setStep] = useState<Step>({ kind: 'live' });
  const [pages, setPages] = useState<PageEntry[]>([]);
  const [notice, setNotice] = useState<Bilingual | null>(null);

  useEffect(() => {
    const client = new ImagingClient(createWorker);
    clientRef.current = client;
    return () => {
      client.dispose();
      clientRef.current = null;
    };
  }, [createWorker]);

  // Object URLs hold decoded images in memory; a kiosk runs for weeks, so release every one.
  const pagesRef = useRef(pages);
  useEffect(() => {
    pagesRef.current = pages;
  }, [pages]);
  useEffect(() => () => pagesRef.current.forEach((p) => URL.revokeObjectURL(p.thumbUrl)), []);

  const capture = useCallback(async () => {
    const client = clientRef.current;
    const video = videoRef.current;
    if (camera.status !== 'live' || !client || !video) return;
    setNotice(null);
    setStep({ kind: 'detecting' });
    let previewUrl: string | undefined;
    try {
      const grabbed = await grabFrame(video, camera.track);
      previewUrl = grabbed.previewUrl;
      const { detection, width, height } = await client.detect(grabbed.bitmap);
      const view = { width, height, previewUrl };
      if (detection.issue) setNotice(DETECTION_ISSUE_MSG[detection.issue]);
      setStep({ kind: 'adjust', frame: view, detection, quad: detection.quad, edited: false });
    } catch {
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      setNotice(MSG.processingFailed);
      setStep({ kind: 'live' });
    }
  }, [camera]);

  const retake = useCallback(() => {
    if (step.kind === 'adjust') URL.revokeObjectURL(step.frame.previewUrl);
    setNotice(null);
    setStep({ kind: 'live' });
  }, [step]);

  const confirm = useCallback(async () => {
    const client = clientRef.current;
    if (step.kind !== 'adjust' || !client) return;
    const { frame, quad, edited, detection } = step;
    setStep({ kind: 'encoding', frame });
    try {
      const { page } = await client.crop(quad, { paper });
      const { paper: kind, orientation } = page.target;
      const jpeg = await encodeWithinBudget(canvasJpegEncoder(page.image), budget[kind]);
      const captured: CapturedPage = {
        paper: kind,
        orientation,
        width: scaledSize(page.image.width, jpeg.scale),
        height: scaledSize(page.image.height, jpeg.scale),
        jpeg: jpeg.bytes,
        quality: jpeg.quality,
        quad,
        outline: edited || !detection.found ? 'adjusted' : 'detected',
      };
      const thumbUrl = URL.createObjectURL(
        new Blob([jpeg.bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
      );
      setPages((ps) => [...ps, { page: captured, thumbUrl }]);
      setNotice(null);
      setStep({ kind: 'review' });
    } catch (err) {
      setNotice(err instanceof JpegBudgetError ? MSG.tooLarge : MSG.processingFailed);
      setStep({ kind: 'live' });
    } finally {
      URL.revokeObjectURL(frame.previewUrl);
      void client.release().catch(() => undefined);
    }
  }, [step, paper, budget]);

  const removePage = (index: number) =>
    setPages((ps) => {
      const gone = ps[index];
      if (gone) URL.revokeObjectURL(gone.thumbUrl);
      return ps.filter((_, i) => i !== index);
    });

  const showVideo = step.kind === 'live' && camera.status === 'live';
  const full = pages.length >= maxPages;

  return (
    <div className="dc-root" lang="zh-CN">
      <h1 className="dc-title" data-testid="capture-instruction">
        <Text m={instructionFor(step, camera.status, pages.length)} />
      </h1>
      {notice && (
        <div className="dc-notice" role="alert" data-testid="capture-notice">
          {notice.zh} {notice.en}
        </div>
      )}
      <div className="dc-stage">
        <video ref={videoRef} className={showVideo ? 'dc-video' : 'dc-hidden'} muted playsInline autoPlay />
        {step.kind === 'live' && camera.status === 'starting' && (
          <p className="dc-message">
            {MSG.starting.zh}
            <span className="dc-message-en">{MSG.starting.en}</span>
          </p>
        )}
        {step.kind === 'live' && camera.status === 'error' && (
          <p className="dc-message" role="alert" data-testid="camera-error">
            {CAMERA_FAILURE_MSG[camera.failure].zh}
            <span className="dc-message-en">{CAMERA_FAILURE_MSG[camera.failure].en}</span>
          </p>
        )}
        {(step.kind === 'detecting' || step.kind === 'encoding') && (
          <p className="dc-message" role="status">
            <Text m={step.kind === 'detecting' ? MSG.detecting : MSG.encoding} />
          </p>
        )}
        {step.kind === 'adjust' && (
          <CornerEditor
            previewUrl={step.frame.previewUrl}
            frameWidth={step.frame.width}
            frameHeight={step.frame.height}
            quad={step.quad}
            onChange={(quad) => setStep({ ...step, quad, edited: true })}
          />
        )}
        {step.kind === 'review' && (
          <div className="dc-pages" data-testid="captured-pages">
            {pages.map((p, i) => (
              <figure className="dc-page" key={p.thumbUrl}>
                <img src={p.thumbUrl} alt={`第 ${i + 1} 页 Page ${i + 1}`} />
                <BigButton m={MSG.deletePage} secondary onClick={() => removePage(i)} />
              </figure>
            ))}
          </div>
        )}
      </div>
      <div className="dc-actions">
        {step.kind === 'live' && camera.status === 'error' && <BigButton m={MSG.retry} onClick={retry} />}
        {step.kind === 'live' && camera.status !== 'error' && (
          <BigButton
            m={MSG.capture}
            onClick={() => void capture()}
            disabled={camera.status !== 'live' || full}
          />
        )}
        {step.kind === 'adjust' && (
          <>
            <BigButton m={MSG.retake} secondary onClick={retake} />
            <BigButton m={MSG.confirm} onClick={() => void confirm()} />
          </>
        )}
        {step.kind === 'review' && (
          <>
            <BigButton m={full ? MSG.maxPages : MSG.addPage} secondary disabled={full} onClick={retake} />
            <BigButton
              m={MSG.finish}
              disabled={pages.length === 0}
              onClick={() => onComplete(pages.map((p) => p.page))}
            />
          </>
        )}
        {step.kind === 'live' && pages.length > 0 && (
          <BigButton m={pagesTaken(pages.length)} secondary onClick={() => setStep({ kind: 'review' })} />
        )}
        {onCancel && <BigButton m={MSG.cancel} secondary onClick={onCancel} />}
      </div>
    </div>
  );
}

function instructionFor(step: Step, camera: 'starting' | 'live' | 'error', pageCount: number): Bilingual {
  switch (step.kind) {
    case 'live':
      return camera === 'error' ? MSG.unavailable : MSG.place;
    case 'detecting':
      return MSG.detecting;
    case 'adjust':
      return MSG.adjust;
    case 'encoding':
      return MSG.encoding;
    case 'review':
      return pagesTaken(pageCount);
  }
}
