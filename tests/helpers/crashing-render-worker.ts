// A render worker that dies like a real one would on a fatal error, for the renderer's crash tests:
// data with `crash: 'always'` ends the thread every time; `crash: 'once'` only while the marker file
// named in `marker` does not exist yet. Anything else renders with the real worker's code.
import { existsSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { createRenderJob, type RenderRequest } from '../../main/printing/render-job';

const job = createRenderJob();
const port = parentPort!;
port.on('message', (req: RenderRequest) => {
  const d = req.data as { crash?: 'always' | 'once'; marker?: string };
  if (d.crash === 'always' || (d.crash === 'once' && d.marker && !existsSync(d.marker))) {
    if (d.marker) writeFileSync(d.marker, 'crashed');
    process.exit(70);
  }
  void job.run(req).then((reply) => port.postMessage(reply));
});
port.postMessage({ ready: true });
