export interface Component {
  /** 1 inside the component, 0 elsewhere; same size as the input mask. */
  mask: Uint8Array;
  area: number;
  touchesBorder: boolean;
}

/** The largest 4-connected region of 1s in `mask` (w×h), or null if the mask is empty. */
export function largestComponent(mask: Uint8Array, w: number, h: number): Component | null {
  const labels = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let next = 0;
  let bestLabel = 0;
  let bestArea = 0;
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || labels[start] !== 0) continue;
    const label = ++next;
    let top = 0;
    let area = 0;
    const visit = (q: number): void => {
      if (mask[q] === 1 && labels[q] === 0) {
        labels[q] = label;
        stack[top++] = q;
      }
    };
    visit(start);
    while (top > 0) {
      const p = stack[--top]!;
      area++;
      const x = p % w;
      if (x > 0) visit(p - 1);
      if (x < w - 1) visit(p + 1);
      if (p >= w) visit(p - w);
      if (p < w * (h - 1)) visit(p + w);
    }
    if (area > bestArea) {
      bestArea = area;
      bestLabel = label;
    }
  }
  if (bestLabel === 0) return null;
  const out = new Uint8Array(w * h);
  let touchesBorder = false;
  for (let p = 0; p < out.length; p++) {
    if (labels[p] !== bestLabel) continue;
    out[p] = 1;
    const x = p % w;
    if (x === 0 || x === w - 1 || p < w || p >= w * (h - 1)) touchesBorder = true;
  }
  return { mask: out, area: bestArea, touchesBorder };
}

/** Centres (x + 0.5, y + 0.5) of component pixels that have a 4-neighbour outside it. */
export function boundaryPoints(
  mask: Uint8Array,
  w: number,
  h: number,
): { xs: Float64Array; ys: Float64Array } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (mask[p] !== 1) continue;
      const edge =
        x === 0 ||
        x === w - 1 ||
        y === 0 ||
        y === h - 1 ||
        !mask[p - 1] ||
        !mask[p + 1] ||
        !mask[p - w] ||
        !mask[p + w];
      if (edge) {
        xs.push(x + 0.5);
        ys.push(y + 0.5);
      }
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/**
 * `mask` with its holes filled: every 0 not connected to the image border becomes 1. Print on a
 * page makes dark islands inside the bright region; the page outline is what matters.
 */
export function fillHoles(mask: Uint8Array, w: number, h: number): Uint8Array {
  const outside = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let top = 0;
  const seed = (p: number): void => {
    if (mask[p] === 0 && outside[p] === 0) {
      outside[p] = 1;
      stack[top++] = p;
    }
  };
  for (let x = 0; x < w; x++) {
    seed(x);
    seed((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    seed(y * w);
    seed(y * w + w - 1);
  }
  while (top > 0) {
    const p = stack[--top]!;
    const x = p % w;
    if (x > 0) seed(p - 1);
    if (x < w - 1) seed(p + 1);
    if (p >= w) seed(p - w);
    if (p < w * (h - 1)) seed(p + w);
  }
  const out = new Uint8Array(w * h);
  for (let p = 0; p < out.length; p++) out[p] = outside[p] ? 0 : 1;
  return out;
}
