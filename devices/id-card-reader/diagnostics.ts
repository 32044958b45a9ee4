/**
 * The ID card reader's self-tests, in the order the acceptance suite runs them (house style
 * 5.5-12): the link and line rate, a fresh SAM self-test, and a card read end to end. A result
 * carries the card type and whether its number checks out, never the name or the number.
 */
import { maskIdNumber } from '../../domain/identity';
import {
  isDeviceError,
  toDeviceError,
  type DeviceStatus,
  type SelfTest,
  type SelfTestOutcome,
} from '../core';
import type { IdCardReaderDetail, IdCardReaderDriver } from './driver';

export type CheckOutcome = SelfTestOutcome;
export type IdCardReaderCheck = SelfTest<IdCardReaderDriver>;

export const checks: IdCardReaderCheck[] = [
  {
    id: 'idcard.link',
    title: 'diag.idcard.link',
    kind: 'check',
    run({ device: driver }) {
      const s = driver.status.current;
      const data = { health: s.health, baudRate: s.detail.baudRate };
      if (s.health === 'online' || s.health === 'busy') return Promise.resolve({ outcome: 'pass', data });
      return Promise.resolve({ outcome: 'fail', key: 'diag.idcard.notOnline', data });
    },
  },
  {
    id: 'idcard.sam',
    title: 'diag.idcard.sam',
    kind: 'check',
    async run({ device: driver, signal }) {
      try {
        await driver.checkSam(signal);
      } catch (err) {
        const e = toDeviceError(err, { deviceId: driver.deviceId, command: 'samStatus' }, signal);
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
  {
    id: 'idcard.read',
    title: 'diag.idcard.read',
    kind: 'action',
    async run({ device: driver, operator, signal }) {
      try {
        const reading = driver.readOnce({ timeoutMs: operator.patienceMs, ...(signal ? { signal } : {}) });
        reading.catch(() => undefined);
        await operator.ask({ kind: 'placeIdCard' });
        const r = await reading;
        const removed = driver.waitRemoved({ timeoutMs: operator.patienceMs, ...(signal ? { signal } : {}) });
        removed.catch(() => undefined);
        await operator.ask({ kind: 'removeIdCard' });
        await removed;
        const data = {
          cardType: r.cardType,
          idNumber: maskIdNumber(r.idNumber),
          idNumberValid: r.idNumberValid,
        };
        return r.idNumberValid
          ? { outcome: 'pass', data }
          : { outcome: 'warn', key: 'diag.idcard.idNumberInvalid', data };
      } catch (err) {
        if (signal?.aborted) throw err;
        return {
          outcome: 'fail',
          key: `diag.idcard.${isDeviceError(err) ? (err.detail ?? err.code) : 'failed'}`,
        };
      }
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
