// Small pieces every diagnostics screen shows the same way: a device's name and state, a list of
// facts (label and value), a pass/warn/fail mark.
import type { ReactNode } from 'react';
import type { DeviceCondition, Health } from '../../../main/ipc/contract';
import { useUi } from '../ui/settings';
import type { Text } from '../ui/text';
import { hostText } from './api';

/** The device as people name it (its family), with its id for the technician. */
export function DeviceName({ family, deviceId }: { family: string; deviceId: string }) {
  const { t } = useUi();
  return (
    <span className="diag-device-name">
      <strong>{t(hostText(`family.${family}`, family))}</strong>
      <span className="diag-id">{deviceId}</span>
    </span>
  );
}

/** Usable now (ready, busy, paper low …) or not: the host's condition in words. */
export function ConditionBadge({ health, condition }: { health: Health; condition: DeviceCondition }) {
  const { t } = useUi();
  const serves = ['ready', 'busy', 'paperLow', 'tonerLow', 'receiptNotTaken'].includes(condition);
  const said = t(hostText(`diag.condition.${condition}`, condition));
  const healthSaid = t(`health.${health}`);
  return (
    <span
      className={`diag-badge ${serves ? (condition === 'ready' ? 'is-pass' : 'is-warn') : 'is-fail'}`}
      data-condition={condition}
      data-health={health}
    >
      {said}
      {/* The XFS health only beside a fault, where it says more ("Paper low · Ready" would not). */}
      {!serves && healthSaid !== said && ` · ${healthSaid}`}
    </span>
  );
}

export type Outcome = 'pass' | 'warn' | 'fail';

export function OutcomeMark({ outcome }: { outcome: Outcome }) {
  const { t } = useUi();
  return (
    <span className={`diag-badge is-${outcome}`} data-outcome={outcome}>
      {t(`diag.outcome.${outcome}`)}
    </span>
  );
}

/** Label → value pairs; values are what the host sent (already masked there). */
export function Facts({
  rows,
  testId,
}: {
  rows: ReadonlyArray<readonly [Text, ReactNode]>;
  testId?: string;
}) {
  const { t } = useUi();
  if (rows.length === 0) return null;
  return (
    <dl className="diag-facts" data-testid={testId}>
      {rows.map(([label, value], i) => (
        <div key={i}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A result's data as facts: keys through the catalogue (diag.data.*), values as sent. */
export function dataRows(data: Record<string, unknown> | undefined): Array<[Text, ReactNode]> {
  return Object.entries(data ?? {}).map(([k, v]) => [
    hostText(`diag.data.${k}`, k),
    v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v),
  ]);
}
