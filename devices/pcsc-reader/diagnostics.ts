/**
 * Technician checks for the PC/SC card reader (house style 5.5-12). The shapes are local until
 * main/diagnostics defines shared ones. Results carry masked identifiers only.
 */
import { maskIdNumber, maskName, maskPan } from '../../domain/identity';
import { isDeviceError } from '../core';
import type { PcscReaderDriver } from './driver';

export type CheckOutcome =
  | { outcome: 'pass'; data?: Record<string, unknown> }
  | { outcome: 'warn' | 'fail'; key: string; data?: Record<string, unknown> };

export interface CardReaderCheck {
  id: string;
  /** i18n key of the check's title. */
  title: string;
  kind: 'check' | 'action';
  run(ctx: { driver: PcscReaderDriver; signal?: AbortSignal }): Promise<CheckOutcome>;
}

export const checks: CardReaderCheck[] = [
  {
    id: 'cardReader.present',
    title: 'diag.cardReader.present',
    kind: 'check',
    run({ driver }) {
      const s = driver.status.current;
      if (s.health === 'noDevice')
        return Promise.resolve({ outcome: 'fail', key: 'diag.cardReader.noReader' });
      return Promise.resolve({ outcome: 'pass', data: { reader: s.detail.reader, card: s.detail.card } });
    },
  },
  {
    id: 'cardReader.testRead',
    title: 'diag.cardReader.testRead',
    kind: 'action',
    async run({ driver, signal }) {
      try {
        const card = await driver.readCard({ timeoutMs: 30_000, ...(signal ? { signal } : {}) });
        const data =
          card.kind === 'socialSecurity'
            ? {
                kind: card.kind,
                cardVersion: card.cardVersion,
                idNumber: maskIdNumber(card.idNumber),
                name: maskName(card.name),
                warnings: card.warnings,
              }
            : { kind: card.kind, aid: card.aid, pan: maskPan(card.pan), expiry: card.expiry };
        return card.kind === 'socialSecurity' && card.warnings.length
          ? { outcome: 'warn', key: 'diag.cardReader.idNumberSuspicious', data }
          : { outcome: 'pass', data };
      } catch (err) {
        const e = isDeviceError(err) ? err : undefined;
        return {
          outcome: 'fail',
          key: `diag.cardReader.${e?.detail ?? e?.code ?? 'failed'}`,
          data: { code: e?.code ?? 'protocol' },
        };
      }
    },
  },
];

/** Status snapshot for the report bundle (no personal data is ever part of the status). */
export const snapshot = (driver: PcscReaderDriver) => ({ ...driver.status.current });
