// Worker thread that renders result documents, so a 100–300 ms pdfkit/fontkit render never stalls
// the service's event loop (heartbeats and filings keep flowing while a 秒批 notice is drawn).
import { existsSync, readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { FontRegistry, renderPdf, resultNotice } from '../../print-templates/index';

const fonts = new FontRegistry((p) => (existsSync(p) ? readFileSync(p) : undefined));

parentPort?.on('message', (m: { id: number; data: unknown }) => {
  renderPdf(resultNotice, m.data, { fonts }).then(
    (pdf) => parentPort?.postMessage({ id: m.id, pdf }, [pdf.buffer as ArrayBuffer]),
    (err: unknown) =>
      parentPort?.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
