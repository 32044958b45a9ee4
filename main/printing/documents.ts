/**
 * A4 jobs: render (in the worker), wait until the printer can print, hand the PDF to the spooler
 * under the idempotency key, and follow the job to completed. The journal says `printing` before
 * the PDF goes to the spooler, and the spooler keeps the key in the job's name, so after a crash the
 * same key finds the job it already has instead of printing the certificate again.
 *
 * Paper out (or a printer offline) before the job goes out: held, nothing submitted. While the
 * spooler holds a submitted job: held with it, printed by the spooler when paper returns. Either
 * way the job is given up after the hold time (the spooler job canceled, so nothing comes out of
 * an unattended tray later) and reported `failed` with the reason.
 */
import { DeviceError, type DeviceStatus, type Logger } from '../../devices/core';
import type { A4PrinterDetail } from '../../devices/a4-printer';
import type { JobHandle } from './handle';
import type { A4Entry, PrintJournalStore } from './journal';
import { RenderError } from './renderer';
import type { A4Printer, PrintClock, PrintReason } from './types';

export interface A4JobOptions {
  printer: A4Printer;
  journal: PrintJournalStore;
  log: Logger;
  clock: PrintClock;
  holdTimeoutMs: number;
  pollMs: number;
}

/** What stops the printer from printing now, or null when it can. */
export function a4Blocked(s: DeviceStatus<A4PrinterDetail> | undefined): PrintReason | null {
  if (!s) return 'notConnected';
  switch (s.health) {
    case 'online':
    case 'busy':
    case 'userError':
      return null;
    case 'noDevice':
      return 'notConnected';
    case 'hardwareError':
      return 'hardwareError';
    case 'offline':
    case 'powerOff':
      return s.detail.paper === 'out' ? 'paperOut' : 'offline';
  }
}

/** Resubmissions after the spooler dropped a job for a stopped printer, before the job is given up. */
const MAX_ATTEMPTS = 5;

export async function runA4Job(
  h: JobHandle,
  job: { templateId: string; title: string; produce: (signal: AbortSignal) => Promise<Uint8Array> },
  recorded: A4Entry | undefined,
  o: A4JobOptions,
): Promise<void> {
  const { printer, journal, log, clock } = o;
  const signal = h.control.signal;
  const entry = {
    key: h.key,
    templateId: job.templateId,
    attempts: recorded?.attempts ?? 0,
    jobId: recorded?.jobId,
  };
  const put = (
    state: A4Entry['state'],
    reason?: PrintReason,
    extra: { reused?: boolean; giveUpAt?: number } = {},
  ) => {
    journal.putA4({ ...entry, state, reason });
    h.set({ state, ...(reason ? { reason } : {}), ...(entry.jobId ? { jobId: entry.jobId } : {}), ...extra });
    log.info('printing.document', {
      key: h.key,
      templateId: job.templateId,
      state,
      ...(reason ? { reason } : {}),
      ...(entry.jobId ? { jobId: entry.jobId } : {}),
    });
  };
  let canceled = false;
  h.onCancel = () => {
    canceled = true;
    h.control.abort(new Error('canceled'));
  };
  const ended = () => (canceled ? put('canceled') : undefined);

  put('rendering');
  let pdf: Uint8Array;
  try {
    pdf = await job.produce(signal);
  } catch (err) {
    if (canceled) return ended();
    const reason: PrintReason =
      err instanceof RenderError && err.code !== 'renderFailed' ? 'invalidDocument' : 'renderFailed';
    log.warn('printing.renderRefused', {
      key: h.key,
      templateId: job.templateId,
      ...(err instanceof RenderError
        ? { code: err.code, fields: err.issues.map((i) => i.split(':')[0]) }
        : { error: String(err) }),
    });
    return put('failed', reason);
  }

  /** The printer's status; an unreachable one reads as not connected. */
  const statusOrNone = async (): Promise<DeviceStatus<A4PrinterDetail> | undefined> =>
    printer.refreshStatus(signal).catch(() => undefined);
  let rounds = 0;
  while (!canceled) {
    // 1. Nothing goes to the spooler while the printer cannot print.
    const blocked = a4Blocked(await statusOrNone());
    if (blocked && !(await holdUntilReady(blocked))) return;
    if (canceled) return ended();
    if (++rounds > MAX_ATTEMPTS) return put('failed', blocked ?? 'offline');
    // 2. Journal first: from here a crash finds the job by its key in the spooler.
    entry.attempts++;
    put('printing');
    const outcome = await printOnce();
    if (outcome === 'again') continue;
    return;
  }
  return ended();

  /** Held until a4Blocked clears, up to the hold time; false when given up or canceled. */
  async function holdUntilReady(first: PrintReason): Promise<boolean> {
    const giveUpAt = clock.now() + o.holdTimeoutMs;
    let reason = first;
    put('held', reason, { giveUpAt });
    try {
      while (clock.now() < giveUpAt) {
        await clock.sleep(Math.max(1, Math.min(o.pollMs, giveUpAt - clock.now())), signal);
        const now = a4Blocked(await statusOrNone());
        if (!now) return true;
        if (now !== reason) put('held', (reason = now), { giveUpAt });
      }
    } catch {
      if (canceled) {
        ended();
        return false;
      }
    }
    log.warn('printing.documentGivenUp', { key: h.key, templateId: job.templateId, reason });
    put('failed', reason);
    return false;
  }

  /**
   * One spooler job, watched (the printer polled every pollMs): held with the spooler while the
   * printer stops, given up after the hold time, its spooler job id journaled as soon as it shows.
   */
  async function printOnce(): Promise<'done' | 'again'> {
    const attempt = new AbortController();
    const finished = new AbortController();
    let gaveUp: PrintReason | undefined;
    let episode: AbortController | undefined; // one per stop of the printer while the job waits
    const holdWhile = async (reason: PrintReason, stop: AbortSignal) => {
      put('held', reason, { giveUpAt: clock.now() + o.holdTimeoutMs });
      try {
        await clock.sleep(o.holdTimeoutMs, AbortSignal.any([stop, finished.signal, signal]));
        gaveUp = reason;
        attempt.abort(new Error('given up'));
      } catch {
        // the printer came back, or the job ended
      }
    };
    const look = (s: DeviceStatus<A4PrinterDetail>) => {
      if (s.detail.activeJob && entry.jobId !== s.detail.activeJob) {
        entry.jobId = s.detail.activeJob;
        journal.putA4({ ...entry, state: episode ? 'held' : 'printing' });
      }
      const reason = a4Blocked(s);
      if (reason && !episode) {
        episode = new AbortController();
        void holdWhile(reason, episode.signal);
      } else if (!reason && episode) {
        episode.abort();
        episode = undefined;
        put('printing');
      }
    };
    const watching = (async () => {
      const stop = AbortSignal.any([finished.signal, signal]);
      for (;;) {
        await clock.sleep(o.pollMs, stop);
        const s = await printer.refreshStatus(stop).catch(() => undefined);
        if (s && !stop.aborted) look(s);
      }
    })().catch(() => undefined);
    try {
      const result = await printer.print(pdf, {
        title: job.title,
        key: h.key,
        signal: AbortSignal.any([attempt.signal, signal]),
      });
      entry.jobId = result.jobId;
      put('completed', undefined, { reused: result.reused });
      return 'done';
    } catch (err) {
      if (canceled) return (ended(), 'done');
      if (gaveUp) {
        log.warn('printing.documentGivenUp', { key: h.key, templateId: job.templateId, reason: gaveUp });
        put('failed', gaveUp);
        return 'done';
      }
      const e = err instanceof DeviceError ? err : undefined;
      log.warn('printing.documentNotPrinted', { key: h.key, code: e?.code ?? 'unknown', detail: e?.detail });
      // The spooler dropped the job because the printer stopped, or could not be reached: wait and resubmit.
      if (e?.detail === 'printerOffline' || e?.code === 'notConnected' || e?.detail === 'queueNotAccepting')
        return 'again';
      put(
        'failed',
        e?.detail === 'jobAborted' ? 'jobAborted' : e?.detail === 'jobCanceled' ? 'jobCanceled' : 'timeout',
      );
      return 'done';
    } finally {
      finished.abort();
      await watching;
    }
  }
}
