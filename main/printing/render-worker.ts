// The A4 render worker (worker_threads): pdfkit and fontkit take 30–300 ms of CPU per document,
// which would stall the host's event loop (device polls, IPC, the outbox) if drawn there.
import { parentPort } from 'node:worker_threads';
import { createRenderJob, type RenderRequest } from './render-job';

const job = createRenderJob();
const port = parentPort;
if (port) {
  port.on('message', (req: RenderRequest) => {
    void job
      .run(req)
      .then((reply) =>
        'pdf' in reply ? port.postMessage(reply, [reply.pdf.buffer as ArrayBuffer]) : port.postMessage(reply),
      );
  });
  void job.warm().then(() => port.postMessage({ ready: true }));
}
