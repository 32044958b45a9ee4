// Entry of renderer/capture-harness.html: the capture screen alone, for end-to-end tests in
// Chromium with a fake camera. The result is published on window for the test to read.
import { createRoot } from 'react-dom/client';
import { DocumentCapture } from './document-capture';
import type { HarnessPage } from './harness-result';
import { DEFAULT_PAGE_BUDGET } from './imaging/jpeg-budget';
import type { PaperChoice } from './imaging/paper';

declare global {
  interface Window {
    __captureResult?: HarnessPage[];
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const params = new URLSearchParams(location.search);
const paperParam = params.get('paper');
const paper: PaperChoice = paperParam === 'a4' || paperParam === 'id1' ? paperParam : 'auto';
// ?a4Budget=N / ?id1Budget=N override the per-page JPEG budget (bytes) to exercise the quality steps.
const budgetParam = (name: string, fallback: number): number => {
  const v = Number(params.get(name));
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const pageBudget = {
  a4: budgetParam('a4Budget', DEFAULT_PAGE_BUDGET.a4),
  id1: budgetParam('id1Budget', DEFAULT_PAGE_BUDGET.id1),
};
const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <DocumentCapture
    paper={paper}
    pageBudget={pageBudget}
    onComplete={(pages) => {
      window.__captureResult = pages.map(({ jpeg, ...rest }) => ({ ...rest, jpegBase64: toBase64(jpeg) }));
      document.body.dataset.captureDone = String(pages.length);
    }}
  />,
);
