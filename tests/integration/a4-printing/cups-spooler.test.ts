import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceError, MemoryLogger } from '../../../devices/core';
import { A4PrinterDriver, CupsSpooler } from '../../../devices/a4-printer/index';
import { getJobsRequest, readJobs, readResponse } from '../../../devices/a4-printer/protocol/cups';
import { cupsIppExchange } from '../../../devices/transports/cups';
import { createPdfQueue, pdfText, type PdfQueue } from '../../helpers/cups';
import { render, squash } from './fixtures';

// Real cupsd + cups-pdf: the file cups-pdf writes is what the "printer" produced.
let queue: PdfQueue;
let pdf: Uint8Array;
const outputs: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'yz-a4-'));
const spooler = new CupsSpooler(cupsIppExchange(), userInfo().username);

const driverFor = (name: string, opts: { jobTimeoutMs?: number } = {}) =>
  new A4PrinterDriver(
    spooler,
    { deviceId: 'a4-test', queue: name, pollMs: 100, jobTimeoutMs: opts.jobTimeoutMs ?? 20_000 },
    new MemoryLogger(),
  );

const jobNumber = (jobId: string) => Number(/-(\d+)$/.exec(jobId)?.[1]);

beforeAll(async () => {
  queue = await createPdfQueue();
  pdf = await render('housing-fund-certificate');
});

afterAll(() => {
  queue?.remove();
  for (const f of outputs) rmSync(f, { force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('A4 printing through CUPS (cups-pdf)', () => {
  it('prints a certificate to completion and the printed text matches what was submitted', async () => {
    const driver = driverFor(queue.name);
    const outcome = await driver.print(pdf, {
      title: 'housing-fund-certificate',
      idempotencyKey: `k-${Date.now()}`,
    });
    expect(outcome).toMatchObject({ state: 'completed', reused: false });
    expect(outcome.jobId.startsWith(`${queue.name}-`)).toBe(true);

    const printed = await queue.waitForOutput(jobNumber(outcome.jobId));
    outputs.push(printed);
    const submitted = join(work, 'submitted.pdf');
    writeFileSync(submitted, pdf);
    const printedText = squash(pdfText(printed));
    // cups-pdf re-encodes fonts through pdftocairo + Ghostscript; small grey footer digits can come
    // back with wrong ToUnicode, so every body line is compared and the footer is checked apart.
    const lines = pdfText(submitted)
      .split('\n')
      .map(squash)
      .filter((l) => l !== '' && !l.startsWith('验证码HF'));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(printedText).toContain(line);
    expect(printedText).toContain('住房公积金缴存证明');
    expect(printedText).toContain('第1页/共1页');
    expect(driver.status.current.health).toBe('online');
    expect(driver.status.current.detail).toMatchObject({ accepting: true, enabled: true, activeJob: null });
  });

  it('prints a document drawn with the shipped font subset, text intact after the spooler', async () => {
    const receipt = await render('acceptance-receipt');
    const outcome = await driverFor(queue.name).print(receipt, {
      title: '受理回执',
      idempotencyKey: `s-${Date.now()}`,
    });
    const printed = await queue.waitForOutput(jobNumber(outcome.jobId));
    outputs.push(printed);
    const submitted = join(work, 'receipt.pdf');
    writeFileSync(submitted, receipt);
    const printedText = squash(pdfText(printed));
    const lines = pdfText(submitted)
      .split('\n')
      .map(squash)
      .filter((l) => l !== '' && !l.startsWith('验证码A1B2'));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(printedText).toContain(line);
  });

  it('does not print twice when a submission is retried with the same idempotency key', async () => {
    const key = `retry-${Date.now()}`;
    const first = await driverFor(queue.name).print(pdf, { title: 'retry', idempotencyKey: key });
    outputs.push(await queue.waitForOutput(jobNumber(first.jobId)));
    // A fresh driver (as after a restart) finds the earlier job through the spooler's job history.
    const again = await driverFor(queue.name).print(pdf, { title: 'retry', idempotencyKey: key });
    expect(again).toEqual({ jobId: first.jobId, state: 'completed', reused: true });
    const withKey = (await spooler.jobs(queue.name)).filter((j) => j.name.endsWith(`[${key}]`));
    expect(withKey).toHaveLength(1);
  });

  it('finds a finished job by its key after cupsd unloaded it, as a restarted host must', async () => {
    const key = `unloaded-${Date.now()}`;
    const jobId = await spooler.submit(pdf, {
      queue: queue.name,
      title: `公积金缴存证明 [${key}]`,
      copies: 1,
    });
    outputs.push(await queue.waitForOutput(jobNumber(jobId)));
    // Nobody asks about the job (its submitter "died"): wait until cupsd's Get-Jobs leaves its name out.
    const exchange = cupsIppExchange();
    const rawName = async () =>
      readJobs(
        readResponse(
          await exchange(`/printers/${queue.name}`, getJobsRequest(1, queue.name, userInfo().username)),
          1,
        ),
      ).find((j) => j.number === jobNumber(jobId))?.name;
    const until = Date.now() + 60_000;
    while ((await rawName()) !== '' && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    expect(await rawName(), 'cupsd never unloaded the finished job').toBe('');
    expect((await spooler.jobs(queue.name)).find((j) => j.jobId === jobId)?.name).toBe(
      `公积金缴存证明 [${key}]`,
    );
    const again = await driverFor(queue.name).print(pdf, { title: '公积金缴存证明', idempotencyKey: key });
    expect(again).toEqual({ jobId, state: 'completed', reused: true });
  }, 90_000);

  it('reports a disabled queue as offline, times out cleanly and cancels the stuck job', async () => {
    queue.disable();
    try {
      const driver = driverFor(queue.name, { jobTimeoutMs: 1500 });
      const error = await driver.print(pdf, { title: 'stuck' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceError);
      expect(error).toMatchObject({ code: 'timeout', detail: 'printerOffline' });
      expect(driver.status.current.health).toBe('offline');
      expect(driver.status.current.detail.enabled).toBe(false);
      expect(driver.status.current.detail.reasons).toContain('paused');
      const stuck = (await spooler.jobs(queue.name)).find((j) => j.name === 'stuck');
      expect(stuck?.state).toBe('canceled');
    } finally {
      queue.enable();
    }
  });

  it('keeps a job pending on a disabled queue and cancels it on request', async () => {
    queue.disable();
    try {
      const jobId = await spooler.submit(pdf, { queue: queue.name, title: 'to-cancel', copies: 1 });
      expect(await spooler.jobState(jobId)).toBe('pending');
      await driverFor(queue.name).cancel(jobId);
      expect(await spooler.jobState(jobId)).toBe('canceled');
    } finally {
      queue.enable();
    }
  });

  it('reports a queue that does not exist as noDevice and refuses to print', async () => {
    const driver = driverFor(`${queue.name}-missing`);
    expect((await driver.refreshStatus()).health).toBe('noDevice');
    await expect(driver.print(pdf, { title: 'x' })).rejects.toMatchObject({
      code: 'notConnected',
      detail: 'noQueue',
    });
  });
});
