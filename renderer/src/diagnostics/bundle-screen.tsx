// The diagnostic bundle: configuration, statuses, counters, recent logs and traces, versions, as one
// redacted archive, written to a USB stick or sent to the back office.
import { useState } from 'react';
import type { BundleExported } from '../../../main/ipc/contract';
import { ActionButton, ProgressPanel } from '../ui/components';
import { useUi } from '../ui/settings';
import { useLoad, type DiagApi } from './api';
import { Facts } from './device-facts';

const MB = 1024 * 1024;

export function BundleScreen({ api }: { api: DiagApi }) {
  const { t } = useUi();
  const [targets, reload] = useLoad(() => api.exportTargets());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BundleExported | 'failed'>();
  const exportTo = async (target: { kind: 'usb'; path: string } | { kind: 'backoffice' }) => {
    setBusy(true);
    setResult(undefined);
    const r = await api.exportBundle({ target });
    setBusy(false);
    setResult(r.ok ? r.value : 'failed');
  };
  return (
    <section className="diag-section" aria-labelledby="diag-bundle-title">
      <div className="diag-section-head">
        <h2 id="diag-bundle-title" className="ui-title">
          {t('diag.nav.bundle')}
        </h2>
        <ActionButton variant="quiet" label="diag.refresh" onPress={reload} />
      </div>
      <p>{t('diag.bundle.what')}</p>
      {targets.value?.length === 0 && <p className="ui-muted">{t('diag.bundle.noUsb')}</p>}
      <div className="diag-row">
        {(targets.value ?? []).map((x) => (
          <ActionButton
            key={x.path}
            label={{
              key: 'diag.bundle.toUsb',
              params: { label: x.label, free: Math.floor(x.freeBytes / MB) },
            }}
            disabled={busy}
            onPress={() => void exportTo({ kind: 'usb', path: x.path })}
            testId="bundle-usb"
          />
        ))}
        <ActionButton
          variant="secondary"
          label="diag.bundle.toBackoffice"
          disabled={busy}
          onPress={() => void exportTo({ kind: 'backoffice' })}
          testId="bundle-backoffice"
        />
      </div>
      {busy && <ProgressPanel activity="diag.bundle.busy" />}
      {result === 'failed' && (
        <p className="diag-note is-fail" role="alert">
          {t('diag.bundle.failed')}
        </p>
      )}
      {result && result !== 'failed' && (
        <div className="ui-panel" role="status" data-testid="bundle-result">
          <p className="diag-note is-pass">{t('diag.bundle.done')}</p>
          <Facts
            rows={[
              ['diag.bundle.file', result.fileName],
              ['diag.bundle.size', `${(result.bytes / 1024).toFixed(1)} KB`],
              ['diag.bundle.where', result.path ?? result.reference ?? '—'],
              ['diag.bundle.sha', result.sha256.slice(0, 16)],
              ['diag.bundle.contents', result.contents.join(', ')],
            ]}
          />
        </div>
      )}
    </section>
  );
}
