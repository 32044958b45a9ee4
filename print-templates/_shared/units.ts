/** PDF user space is 1/72 inch; templates think in millimetres like the paper forms they copy. */
export const mm = (value: number): number => (value * 72) / 25.4;

/** A4 portrait in points (210 × 297 mm). */
export const A4 = { width: mm(210), height: mm(297) } as const;

/** Page margins shared by all A4 templates; the footer band sits inside the bottom margin. */
export const MARGIN = { top: mm(18), right: mm(18), bottom: mm(22), left: mm(18) } as const;

export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

/** Lowest y a body element may reach before the footer band. */
export const BODY_BOTTOM = A4.height - MARGIN.bottom;
