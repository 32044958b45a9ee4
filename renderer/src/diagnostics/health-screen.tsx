// The boot self-check (and any later recheck): each device usable or not and why, the back office,
// the services offered and the ones held back with the roles they lack, and the status slip.
import type { HealthReport } from '../../../main/ipc/contract';
import { ActionButton } from '../ui/components';
import { useUi } from '../ui/settings';
import { hostText, useLoad, when, type DiagApi } from './api';
import { useEffect, useState } from 'react';
import { ConditionBadge, DeviceName } from './device-facts';

export function HealthScreen({ api }: { api: DiagApi }) {
  const { t } = useUi();
  const [loaded] = useLoad(() => api.health());
  const [report, setReport] = useState<HealthReport>();
  const [busy, setBusy] = useState(false);
  useEffect(() => api.onHealth(setReport), [api]);
  const r = report ?? loaded.value;
  const recheck = async (printSlip: boolean) => {
    setBusy(true);
    const x = await api.recheck({ printSlip });
    setBusy(false);
    if (x.ok) setReport(x.value);
  };
  return (
    <section className="diag-section" aria-labelledby="diag-health-title">
      <div className="diag-section-head">
        <h2 id="diag-health-title" className="ui-title">
          {t('diag.nav.health')}
        </h2>
        <ActionButton
          variant="secondary"
          label="diag.health.recheck"
          disabled={busy}
          onPress={() => void recheck(false)}
          testId="health-recheck"
        />
        <ActionButton
          variant="secondary"
          label="diag.health.printSlip"
          disabled={busy}
          onPress={() => void recheck(true)}
          testId="health-slip"
        />
      </div>
      {!r ? (
        <p className="ui-muted">{t(loaded.error ? 'diag.hostUnreachable' : 'diag.loading')}</p>
      ) : (
        <Report report={r} />
      )}
    </section>
  );
}

export function Report({ report: r }: { report: HealthReport }) {
  const { t, locale } = useUi();
  const held = r.services.filter((s) => !s.available);
  return (
    <div className="diag-report" data-testid="health-report" data-verdict={r.verdict}>
      <p
        className={`diag-note is-${r.verdict === 'ok' ? 'pass' : r.verdict === 'degraded' ? 'warn' : 'fail'}`}
      >
        {t(`diag.health.verdict.${r.verdict}`)} ·{' '}
        {t({ key: `diag.health.reason.${r.reason}`, params: { time: when(locale, r.at) } })}
      </p>
      <ul className="diag-lines">
        {r.devices.map((d) => (
          <li key={d.deviceId} data-device={d.deviceId} data-usable={d.usable}>
            <DeviceName family={d.family} deviceId={d.deviceId} />{' '}
            <ConditionBadge health={d.health} condition={d.condition} />
            {d.problem && <span className="ui-muted"> {d.problem}</span>}
          </li>
        ))}
        <li data-testid="health-backoffice">
          <strong>{t('diag.health.backoffice')}</strong>{' '}
          <span
            className={`diag-badge is-${r.backoffice.reachable ? 'pass' : r.backoffice.kind === 'none' ? 'warn' : 'fail'}`}
          >
            {t(`diag.health.bo.${r.backoffice.kind}`)} ·{' '}
            {t(r.backoffice.reachable ? 'diag.health.reachable' : 'diag.health.unreachable')}
            {r.backoffice.latencyMs !== undefined && ` · ${r.backoffice.latencyMs} ms`}
          </span>
          {r.backoffice.problem && <span className="ui-muted"> {r.backoffice.problem}</span>}
        </li>
      </ul>
      <p>
        {t({
          key: 'diag.health.offered',
          params: { n: r.services.length - held.length, m: r.services.length },
        })}
      </p>
      {held.length > 0 && (
        <ul className="diag-lines" data-testid="health-held">
          {held.map((s) => (
            <li key={s.serviceId}>
              {t(s.title)} — {t('diag.health.lacks')}{' '}
              {s.missing.map((m) => t(hostText(`diag.role.${m}`, m))).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <p className="ui-muted">{t(`diag.health.slip.${r.slip}`)}</p>
    </div>
  );
}
