/**
 * The A4 printer's self-tests, in the order the acceptance suite runs them (house style 5.5-12):
 * the queue accepts jobs with paper in the tray, and a test page is printed to completion.
 */
import { isDeviceError, type SelfTest } from '../core';
import type { A4PrinterDriver } from './driver';
import { a4TestPage } from './test-page';

export const a4SelfTests: SelfTest<A4PrinterDriver>[] = [
  {
    id: 'a4.queue',
    title: 'diag.a4.queue',
    kind: 'check',
    async run({ device: driver, signal }) {
      const s = await driver.refreshStatus(signal);
      const d = s.detail;
      const data = { health: s.health, queue: d.queue, paper: d.paper, toner: d.toner };
      if (s.health === 'noDevice') return { outcome: 'fail', key: 'diag.a4.noQueue', data };
      if (d.paper === 'out') return { outcome: 'fail', key: 'diag.a4.paperOut', data };
      if (!d.accepting || !d.enabled) return { outcome: 'fail', key: 'diag.a4.queueStopped', data };
      if (s.health !== 'online') return { outcome: 'fail', key: 'diag.a4.notOnline', data };
      if (d.paper === 'low' || d.toner === 'low')
        return { outcome: 'warn', key: 'diag.a4.suppliesLow', data };
      return { outcome: 'pass', data };
    },
  },
  {
    id: 'a4.testPage',
    title: 'diag.a4.testPage',
    kind: 'action',
    async run({ device: driver, signal }) {
      const at = new Date(driver.now());
      try {
        const out = await driver.print(
          a4TestPage(at, driver.queue),
          { title: `Yizhan test page ${at.toISOString()}` },
          signal,
        );
        return { outcome: 'pass', data: { jobId: out.jobId } };
      } catch (err) {
        if (signal?.aborted) throw err;
        return {
          outcome: 'fail',
          key: `diag.a4.${isDeviceError(err) ? (err.detail ?? err.code) : 'failed'}`,
        };
      }
    },
  },
];
