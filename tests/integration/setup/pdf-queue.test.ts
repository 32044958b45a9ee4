// The set-up's system part, run for real (idempotent: on a prepared machine it installs nothing),
// and what it promises a newcomer: no warning to interpret, and `yizhan print --printer PDF` printing
// through CUPS to the cups-pdf queue it created (tests of the spooler itself use private queues).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cupsPdfOutputDir, pdfText } from '../../helpers/cups';
import { until } from '../../helpers/process-tree';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('set-up: Debian packages, spooler and the PDF queue', { timeout: 120_000 }, () => {
  it('says what it did in its own lines, nothing else, exit 0', () => {
    const r = spawnSync('bash', ['scripts/setup-system.sh'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^setup-system: /);
    expect(r.stdout).not.toMatch(/warn|deprecat|debconf|error/i);
    expect(r.stdout).toMatch(/print queue PDF (present|created)/);
  });

  it('lets `yizhan print --printer PDF` print, and the page comes out of cups-pdf', async () => {
    const r = spawnSync(
      process.execPath,
      [
        'bin/yizhan.mjs',
        'print',
        'acceptance-receipt',
        '--data',
        'print-templates/acceptance-receipt/sample.json',
        '--printer',
        'PDF',
        '--json',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 90_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { jobId?: string; state?: string });
    const done = events.at(-1)!;
    expect(done).toMatchObject({ state: 'completed' });
    const job = /-(\d+)$/.exec(done.jobId!)![1];
    const dir = cupsPdfOutputDir();
    const file = await until(
      () => (existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(`-job_${job}.pdf`)) : undefined),
      (f) => f !== undefined,
      20_000,
      `no cups-pdf output for job ${job} in ${dir}`,
    );
    expect(pdfText(path.join(dir, file!))).toContain('受理');
  });
});
