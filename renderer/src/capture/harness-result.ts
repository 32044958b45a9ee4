import type { CapturedPage } from './captured-page';

/** What capture-harness.html publishes as `window.__captureResult` for end-to-end tests. */
export interface HarnessPage extends Omit<CapturedPage, 'jpeg'> {
  jpegBase64: string;
}
