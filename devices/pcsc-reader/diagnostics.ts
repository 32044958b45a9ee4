/**
 * The PC/SC card reader's self-tests, in the order the acceptance suite runs them (house style
 * 5.5-12): a reader is attached, and a card is read end to end (its ATR, then the social security or
 * bank application) and taken out again. Results carry masked identifiers only.
 */
import { maskIdNumber, maskName, maskPan } from '../../domain/identity';
import { isDeviceError, type SelfTest, type SelfTestOutcome } from '../core';
import type { PcscReaderDriver } from './driver';

export type CheckOutcome = SelfTestOutcome;
export type CardReaderCheck = SelfTest<PcscReaderDriver>;

export const checks: CardReaderCheck[] = [
  {
    id: 'cardReader.present',
    title: 'diag.cardReader.present',
    kind: 'check',
    run({ device: driver }) {
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
    async run({ device: driver, operator, signal }) {
      try {
        const reading = driver.readCard({ timeoutMs: operator.patienceMs, ...(signal ? { signal } : {}) });
        reading.catch(() => undefined);
        await operator.ask({ kind: 'insertCard', card: 'socialSecurity' });
        const card = await reading;
        const data =
          card.kind === 'socialSecurity'
            ? {
                kind: card.kind,
                atr: driver.lastAtr,
                cardVersion: card.cardVersion,
                idNumber: maskIdNumber(card.idNumber),
                name: maskName(card.name),
                warnings: card.warnings,
              }
            : {
                kind: card.kind,
                atr: driver.lastAtr,
                aid: card.aid,
                pan: maskPan(card.pan),
                expiry: card.expiry,
              };
        const removed = driver.waitForRemoval({
          timeoutMs: operator.patienceMs,
          ...(signal ? { signal } : {}),
        });
        removed.catch(() => undefined);
        await operator.ask({ kind: 'removeCard' });
        await removed;
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
