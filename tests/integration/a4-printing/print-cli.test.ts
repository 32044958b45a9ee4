import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdfQueue, type PdfQueue } from '../../helpers/cups';
import { sample } from './fixtures';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'yz-print-cli-'));
const samplePath = (id: string) => join(ROOT, 'print-templates', id, 'sample.json');

function yizhan(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'yizhan.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 80_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let queue: PdfQueue;
beforeAll(async () => {
  queue = await createPdfQueue('yz-cli');
});
afterAll(() => {
  queue?.remove();
  rmSync(work, { recursive: true, force: true });
});

// Each case spawns the real CLI (tsx + font parsing): allow for a loaded CI machine.
describe('yizhan print', { timeout: 90_000 }, () => {
  it('renders a template to a PDF file', () => {
    const out = join(work, 'receipt.pdf');
    const r = yizhan([
      'print',
      'acceptance-receipt',
      '--data',
      samplePath('acceptance-receipt'),
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('--help lists every A4 template with the path of its sample data (issue #8)', () => {
    const r = yizhan(['print', '--help']);
    expect(r.code).toBe(0);
    for (const id of [
      'acceptance-receipt',
      'social-insurance-certificate',
      'housing-fund-certificate',
      'payment-history',
      'real-estate-info',
      'application-form',
      'blank-form',
      'result-notice',
      'business-licence',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
      expect(r.stdout).toContain(`--data ${samplePath(id)}`);
    }
  });

  it('rejects invalid data with exit 2 and names every bad field', () => {
    const bad = { ...sample('result-notice'), decision: 'maybe', applicant: { name: '', idNumber: '123' } };
    const file = join(work, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = yizhan(['print', 'result-notice', '--data', file, '--out', join(work, 'bad.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('decision:');
    expect(r.stderr).toContain('applicant.name:');
    expect(r.stderr).toContain('applicant.idNumber:');
  });

  it('prints to a spooler queue and reports the job id and completed state', async () => {
    const r = yizhan([
      'print',
      'result-notice',
      '--data',
      samplePath('result-notice'),
      '--printer',
      queue.name,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const done = lines.at(-1)!;
    expect(done.state).toBe('completed');
    expect(String(done.jobId)).toMatch(new RegExp(`^${queue.name}-\\d+$`));
    expect(lines[0]).toMatchObject({ event: 'submitted', jobId: done.jobId });
    rmSync(await queue.waitForOutput(Number(/-(\d+)$/.exec(String(done.jobId))?.[1])));
  });

  it('exits non-zero when the job cannot complete before the timeout', () => {
    queue.disable();
    try {
      const r = yizhan([
        'print',
        'result-notice',
        '--data',
        samplePath('result-notice'),
        '--printer',
        queue.name,
        '--timeout',
        '1',
        '--json',
      ]);
      expect(r.code).toBe(1);
      const error = (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { error: Record<string, unknown> })
        .error;
      expect(error).toMatchObject({
        code: 'timeout',
        detail: 'printerOffline',
        health: 'offline',
        state: 'canceled',
      });
    } finally {
      queue.enable();
    }
  });

  it('drives the Windows spooler behind the same interface (here: no powershell.exe, so unreachable)', () => {
    const r = yizhan([
      'print',
      'result-notice',
      '--data',
      samplePath('result-notice'),
      '--printer',
      'Kiosk A4',
      '--spooler',
      'windows',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'notConnected', detail: 'spoolerUnreachable', health: 'noDevice' });
  });
});
