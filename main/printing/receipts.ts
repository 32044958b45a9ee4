/**
 * Receipt jobs: a ReceiptDocument to the receipt printer under an idempotency key, followed to its
 * physical outcome. The driver keeps the job states in the print journal, so a key printed before a
 * crash is not printed again. A job the printer holds for its own condition (paper out, cover open,
 * offline) is sent again as soon as the printer is ready; one interrupted mid-receipt (the host
 * stopped, the link fell silent after bytes went out) waits for the caller's resume(), because part
 * of it may be on paper. Either is given up after the hold time: canceled, reported `failed`.
 */
import type { Logger } from '../../devices/core';
import type { ReceiptDocument } from '../../devices/escpos-printer';
import type { JobHandle } from './handle';
import type { PrintClock, PrintJob, PrintReason, ReceiptPrinter } from './types';

const PRINTER_CONDITIONS: readonly PrintReason[] = [
  'paperOut',
  'coverOpen',
  'offline',
  'cutterError',
  'hardwareError',
];

export interface ReceiptJobOptions {
  printer: ReceiptPrinter;
  log: Logger;
  clock: PrintClock;
  holdTimeoutMs: number;
  takeTimeoutMs: number;
  pollMs: number;
}

export function startReceiptJob(
  h: JobHandle,
  doc: ReceiptDocument,
  recorded: PrintJob | undefined,
  o: ReceiptJobOptions,
): void {
  const { printer, log, clock } = o;
  // Recorded printed or taken by an earlier run: the driver returns it without printing.
  const reused = recorded?.state === 'printed' || recorded?.state === 'taken';
  let gaveUp: PrintReason | undefined;
  let holding = false;
  let taking = false;
  const job = printer.submit(doc, { key: h.key });
  const jobId = job.id;

  const apply = (j: PrintJob): void => {
    switch (j.state) {
      case 'queued':
        return h.set({ state: 'queued', jobId });
      case 'sending':
        return h.set({ state: 'printing', jobId });
      case 'printed':
        if (reused || !printer.knowsTaken) return h.set({ state: 'printed', jobId, reused, final: true });
        h.set({ state: 'printed', jobId });
        return void awaitTaken();
      case 'taken':
        return h.set({ state: 'taken', jobId, reused });
      case 'held':
        h.set({ state: 'held', jobId, reason: j.reason ?? 'interrupted' });
        return void hold(j.reason ?? 'interrupted');
      case 'failed':
        return h.set({ state: 'failed', jobId, reason: j.reason ?? 'notConnected' });
      case 'canceled':
        return gaveUp
          ? h.set({ state: 'failed', jobId, reason: gaveUp })
          : h.set({ state: 'canceled', jobId });
    }
  };

  const off = printer.onJob((j) => {
    if (j.id === jobId) apply(j);
  });
  h.control.signal.addEventListener('abort', off, { once: true });
  h.onResume = () => void tryResume('caller');
  h.onCancel = () => {
    const state = printer.job(jobId)?.state;
    if (state === 'queued' || state === 'held') printer.cancel(jobId);
  };
  apply(job);

  function tryResume(why: string): boolean {
    if (printer.job(jobId)?.state !== 'held') return false;
    log.info('printing.receiptResumed', { key: h.key, job: jobId, why });
    printer.resume(jobId);
    return true;
  }

  /** Waits for the printer to be ready (conditions) or for the caller (interruptions), up to the hold time. */
  async function hold(reason: PrintReason): Promise<void> {
    if (holding) return;
    holding = true;
    const giveUpAt = clock.now() + o.holdTimeoutMs;
    h.set({ giveUpAt });
    log.warn('printing.receiptHeld', { key: h.key, job: jobId, reason });
    const signal = h.control.signal;
    try {
      while (printer.job(jobId)?.state === 'held' && clock.now() < giveUpAt) {
        if (PRINTER_CONDITIONS.includes(reason)) {
          const s = await printer.refreshStatus(signal).catch(() => undefined);
          if ((s?.health === 'online' || s?.health === 'userError') && tryResume('printerReady')) return;
        }
        await clock.sleep(Math.max(1, Math.min(o.pollMs, giveUpAt - clock.now())), signal);
      }
      if (printer.job(jobId)?.state === 'held') {
        gaveUp = reason;
        log.warn('printing.receiptGivenUp', { key: h.key, job: jobId, reason });
        printer.cancel(jobId);
      }
    } catch {
      // the handle ended (canceled by the caller, or the job moved on)
    } finally {
      holding = false;
    }
  }

  /** A printer with a presenter sensor: taken, or still there after the take time. */
  async function awaitTaken(): Promise<void> {
    if (taking) return;
    taking = true;
    try {
      await clock.sleep(o.takeTimeoutMs, h.control.signal);
      if (printer.job(jobId)?.state === 'printed') {
        log.warn('printing.receiptNotTaken', { key: h.key, job: jobId });
        h.set({ state: 'notTaken', jobId });
      }
    } catch {
      // taken (the handle ended) or canceled
    }
  }
}
