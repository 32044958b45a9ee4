import type { Row } from '../../../../main/ipc/contract/flow';
import { useUi } from '../../ui/settings';

/** Label–value rows as the host formatted and masked them. */
export function Rows({ rows, testId }: { rows: readonly Row[]; testId?: string }) {
  const { t } = useUi();
  return (
    <dl className="step-rows" data-testid={testId}>
      {rows.map((r, i) => (
        <div key={i} className="step-row">
          <dt>{t(r.label)}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
