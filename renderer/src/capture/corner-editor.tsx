import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { useRef } from 'react';
import type { Quad, QuadCorner } from './imaging/geometry';
import { QUAD_CORNERS, clampQuad } from './imaging/geometry';
import { CORNER_LABEL, both } from './messages';

export interface CornerEditorProps {
  previewUrl: string;
  /** Size of the full camera frame; `quad` is in its pixel coordinates. */
  frameWidth: number;
  frameHeight: number;
  quad: Quad;
  onChange: (quad: Quad) => void;
}

/**
 * The captured frame with the page outline on top and a large drag handle on each corner (touch
 * targets well above the 60 px guideline). The SVG's viewBox is the frame itself, so the outline is
 * drawn in frame coordinates and scales with the picture.
 */
export function CornerEditor({ previewUrl, frameWidth, frameHeight, quad, onChange }: CornerEditorProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const dragging = useRef<QuadCorner | null>(null);

  const toFrame = (e: ReactPointerEvent): { x: number; y: number } | null => {
    const rect = boxRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) return null;
    return {
      x: ((e.clientX - rect.left) / rect.width) * frameWidth,
      y: ((e.clientY - rect.top) / rect.height) * frameHeight,
    };
  };

  const onPointerDown = (corner: QuadCorner) => (e: ReactPointerEvent<HTMLButtonElement>) => {
    dragging.current = corner;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (corner: QuadCorner) => (e: ReactPointerEvent<HTMLButtonElement>) => {
    if (dragging.current !== corner) return;
    const p = toFrame(e);
    if (p) onChange(clampQuad({ ...quad, [corner]: p }, frameWidth, frameHeight));
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLButtonElement>) => {
    dragging.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };

  // Arrow keys nudge a focused handle by 0.5% of the frame: fine adjustment without a touch screen.
  const onKeyDown = (corner: QuadCorner) => (e: ReactKeyboardEvent<HTMLButtonElement>) => {
    const step = 0.005 * Math.max(frameWidth, frameHeight);
    const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[
      e.key
    ];
    if (!delta) return;
    e.preventDefault();
    const p = quad[corner];
    onChange(
      clampQuad({ ...quad, [corner]: { x: p.x + delta[0]!, y: p.y + delta[1]! } }, frameWidth, frameHeight),
    );
  };

  const points = QUAD_CORNERS.map((c) => `${quad[c].x},${quad[c].y}`).join(' ');
  return (
    <div
      ref={boxRef}
      className="dc-editor"
      style={{ aspectRatio: `${frameWidth} / ${frameHeight}` }}
      data-testid="corner-editor"
    >
      <img className="dc-editor-image" src={previewUrl} alt="" draggable={false} />
      <svg
        className="dc-editor-overlay"
        viewBox={`0 0 ${frameWidth} ${frameHeight}`}
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        <polygon points={points} className="dc-outline" vectorEffect="non-scaling-stroke" />
      </svg>
      {QUAD_CORNERS.map((c) => (
        <button
          key={c}
          type="button"
          className="dc-handle"
          aria-label={both(CORNER_LABEL[c])}
          data-corner={c}
          style={{ left: `${(quad[c].x / frameWidth) * 100}%`, top: `${(quad[c].y / frameHeight) * 100}%` }}
          onPointerDown={onPointerDown(c)}
          onPointerMove={onPointerMove(c)}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown(c)}
        />
      ))}
    </div>
  );
}
