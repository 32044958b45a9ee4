/**
 * Technician checks for the ID card reader (house style 5.5-12). The shapes are local until
 * main/diagnostics defines shared ones. Nothing here touches card data: a snapshot is status only.
 */
import { toDeviceError, type DeviceStatus } from '../core';
import type { IdCardReaderDetail, IdCardReaderDriver } from './driver';

export type CheckOutcome =
  | { outcome: 'pass'; data?: Record<string, unknown> }
  | { outcome: 'warn' | 'fail'; key: string; data?: Record<string, unknown> };

export interface IdCardReaderCheck {
  id: string;
  /** i18n key of the check's title. */
  title: string;
  run(ctx: { driver: IdCardReaderDriver; signal?: AbortSignal }): Promise<CheckOutcome>;
}

export const checks: IdCardReaderCheck[] = [
  {
    id: 'idcard.link',
    title: 'diag.idcard.link',
    run({ driver }) {
      const s = driver.status.current;
      const data = { health: s.health, baudRate: s.detail.baudRate };
      if (s.health === 'online' || s.health === 'busy') return Promise.resolve({ outcome: 'pass', data });
      return Promise.resolve({ outcome: 'fail', key: 'diag.idcard.notOnline', data });
    },
  },
  {
    id: 'idcard.sam',
    title: 'diag.idcard.sam',
    async run({ driver, signal }) {
      try {
        await driver.checkSam(signal);
      } catch (err) {
        const e = toDeviceError(
          err,
          { deviceId: driver.status.current.deviceId, command: 'samStatus' },
          signal,
        );
        return {
          outcome: 'fail',
          key: 'diag.idcard.samFailed',
          data: { code: e.code, detail: e.detail ?? null },
        };
      }
      const samId = driver.status.current.detail.samId;
      // The SAM ID is what acceptance tests and audits ask for; a reader without one still reads cards.
      return samId ? { outcome: 'pass', data: { samId } } : { outcome: 'warn', key: 'diag.idcard.noSamId' };
    },
  },
];

/** Status snapshot for a report bundle: health, line rate, SAM ID, card presence; no personal data. */
export function snapshot(
  driver: IdCardReaderDriver,
): Pick<DeviceStatus<IdCardReaderDetail>, 'health' | 'detail' | 'lastError'> {
  const { health, detail, lastError } = driver.status.current;
  return { health, detail, ...(lastError ? { lastError } : {}) };
}
