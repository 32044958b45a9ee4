// Every configured device: live state, how it is reached, what it says it is, its counters and its
// last errors; tap one for its self-tests.
import { useEffect, useState } from 'react';
import type { DiagDevice } from '../../../main/ipc/contract';
import { ActionButton, Pager } from '../ui/components';
import { useUi } from '../ui/settings';
import { hostText, useLoad, when, type DiagApi } from './api';
import { ConditionBadge, DeviceName, Facts } from './device-facts';
import { SelfTests } from './self-tests';

const PER_PAGE = { portrait: 3, landscape: 2 } as const;

export function DevicesScreen({ api }: { api: DiagApi }) {
  const { t, orientation } = useUi();
  const [devices, reload, setDevices] = useLoad(() => api.devices());
  const [open, setOpen] = useState<string>();
  const [page, setPage] = useState(0);
  // A device that changes state is refetched: live status without polling.
  useEffect(() => api.onHealth(() => reload()), [api, reload]);
  const list = devices.value ?? [];
  const chosen = list.find((d) => d.deviceId === open);
  if (chosen)
    return (
      <DeviceDetail
        api={api}
        device={chosen}
        onBack={() => {
          setOpen(undefined);
          reload();
        }}
        onChanged={(d) => setDevices(list.map((x) => (x.deviceId === d.deviceId ? d : x)))}
      />
    );
  const per = PER_PAGE[orientation];
  const pages = Math.max(1, Math.ceil(list.length / per));
  const shown = list.slice(page * per, page * per + per);
  return (
    <section className="diag-section" aria-labelledby="diag-devices-title">
      <div className="diag-section-head">
        <h2 id="diag-devices-title" className="ui-title">
          {t('diag.nav.devices')}
        </h2>
        <ActionButton variant="quiet" label="diag.refresh" onPress={reload} testId="devices-refresh" />
      </div>
      {devices.error && <p className="diag-note is-fail">{t('diag.hostUnreachable')}</p>}
      <ul className="diag-cards">
        {shown.map((d) => (
          <li key={d.deviceId}>
            <button
              type="button"
              className="diag-card"
              data-device={d.deviceId}
              onClick={() => setOpen(d.deviceId)}
            >
              <span className="diag-card-head">
                <DeviceName family={d.family} deviceId={d.deviceId} />
                <ConditionBadge health={d.health} condition={d.condition} />
              </span>
              <DeviceSummary device={d} />
            </button>
          </li>
        ))}
      </ul>
      <Pager page={Math.min(page, pages - 1)} pages={pages} onPage={setPage} testId="devices" />
    </section>
  );
}

function DeviceSummary({ device: d }: { device: DiagDevice }) {
  const { t } = useUi();
  const last = d.recentErrors.at(-1);
  return (
    <Facts
      rows={[
        [
          'diag.device.transport',
          `${t(hostText(`diag.transport.${d.transport.kind}`, d.transport.kind))} · ${d.transport.link}`,
        ],
        ['diag.device.model', [d.model, d.firmware].filter(Boolean).join(' · ') || '—'],
        [
          'diag.device.counters',
          Object.entries(d.counters)
            .map(([k, v]) => `${t(hostText(`diag.counter.${k}`, k))} ${v}`)
            .join(' · ') || '—',
        ],
        ['diag.device.lastError', last ? errorText(last) : t('diag.device.noErrors')],
      ]}
    />
  );
}

const errorText = (e: DiagDevice['recentErrors'][number]) =>
  [e.code, e.detail, e.command].filter(Boolean).join(' · ');

function DeviceDetail({
  api,
  device: d,
  onBack,
  onChanged,
}: {
  api: DiagApi;
  device: DiagDevice;
  onBack: () => void;
  onChanged: (d: DiagDevice) => void;
}) {
  const { t, locale } = useUi();
  const refresh = async () => {
    const r = await api.devices();
    const fresh = r.ok ? r.value.find((x) => x.deviceId === d.deviceId) : undefined;
    if (fresh) onChanged(fresh);
  };
  return (
    <section className="diag-section" data-testid="device-detail" data-device={d.deviceId}>
      <div className="diag-section-head">
        <ActionButton variant="quiet" label="diag.allDevices" onPress={onBack} testId="device-back" />
        <DeviceName family={d.family} deviceId={d.deviceId} />
        <ConditionBadge health={d.health} condition={d.condition} />
      </div>
      <Facts
        testId="device-facts"
        rows={[
          ['diag.device.transport', d.transport.link],
          ['diag.device.model', d.model ?? '—'],
          ['diag.device.firmware', d.firmware ?? '—'],
          ...Object.entries(d.identity).map(
            ([k, v]) => [hostText(`diag.data.${k}`, k), v === null ? '—' : String(v)] as const,
          ),
          ...Object.entries(d.counters).map(
            ([k, v]) => [hostText(`diag.counter.${k}`, k), String(v)] as const,
          ),
        ]}
      />
      <h3 className="diag-subtitle">{t('diag.device.recentErrors')}</h3>
      {d.recentErrors.length === 0 ? (
        <p className="ui-muted">{t('diag.device.noErrors')}</p>
      ) : (
        <ul className="diag-lines" data-testid="device-errors">
          {d.recentErrors
            .slice(-5)
            .reverse()
            .map((e, i) => (
              <li key={i}>
                <span className="diag-time">{when(locale, e.at)}</span> {errorText(e)}
              </li>
            ))}
        </ul>
      )}
      <SelfTests api={api} device={d} onDone={() => void refresh()} />
    </section>
  );
}
