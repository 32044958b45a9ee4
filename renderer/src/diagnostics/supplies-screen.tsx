// Paper: what each printer's sensors say, what was printed since paper was last put in, and the two
// things a technician declares after doing them (paper replenished, roll changed).
import { useState } from 'react';
import type { Supply } from '../../../main/ipc/contract';
import { ActionButton } from '../ui/components';
import { useUi } from '../ui/settings';
import { hostText, useLoad, when, type DiagApi } from './api';
import { DeviceName, Facts } from './device-facts';

const FAMILY: Record<Supply['kind'], string> = { receiptPaper: 'escpos-printer', a4Paper: 'a4-printer' };

export function SuppliesScreen({ api }: { api: DiagApi }) {
  const { t, locale } = useUi();
  const [supplies, , setSupplies] = useLoad(() => api.supplies());
  const [done, setDone] = useState<string>();
  const act = async (deviceId: string, action: 'replenished' | 'rollChanged') => {
    const r = await api.supply({ deviceId, action });
    if (r.ok) {
      setSupplies(r.value);
      setDone(`${deviceId}:${action}`);
    }
  };
  return (
    <section className="diag-section" aria-labelledby="diag-supplies-title">
      <h2 id="diag-supplies-title" className="ui-title">
        {t('diag.nav.supplies')}
      </h2>
      {supplies.value?.length === 0 && <p className="ui-muted">{t('diag.supplies.none')}</p>}
      <ul className="diag-cards">
        {(supplies.value ?? []).map((s) => (
          <li key={s.deviceId} className="diag-card" data-supply={s.deviceId} data-state={s.state}>
            <span className="diag-card-head">
              <DeviceName family={FAMILY[s.kind]} deviceId={s.deviceId} />
              <span
                className={`diag-badge is-${s.state === 'ok' ? 'pass' : s.state === 'low' ? 'warn' : 'fail'}`}
              >
                {t(`diag.supplies.state.${s.state}`)}
              </span>
            </span>
            <Facts
              rows={[
                [hostText(`diag.supplies.since.${s.kind}`), String(s.sinceReplenished)],
                [
                  'diag.supplies.lastReplenished',
                  s.lastReplenishedAt ? when(locale, s.lastReplenishedAt) : '—',
                ],
                [
                  'diag.supplies.rollChanges',
                  `${s.rollChanges}${s.lastRollChangeAt ? ` · ${when(locale, s.lastRollChangeAt)}` : ''}`,
                ],
              ]}
            />
            <div className="diag-row">
              <ActionButton
                variant="secondary"
                label="diag.supplies.replenished"
                onPress={() => void act(s.deviceId, 'replenished')}
                testId={`replenish-${s.deviceId}`}
              />
              {s.kind === 'receiptPaper' && (
                <ActionButton
                  variant="secondary"
                  label="diag.supplies.rollChanged"
                  onPress={() => void act(s.deviceId, 'rollChanged')}
                  testId={`roll-${s.deviceId}`}
                />
              )}
            </div>
            {done?.startsWith(`${s.deviceId}:`) && (
              <p className="diag-note is-pass" role="status" data-testid="supply-recorded">
                {t('diag.supplies.recorded')}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
