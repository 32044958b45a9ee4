// A look-up's result as the host formatted it: label/value rows and, for records, a table. The
// query runs in the host; until it answers the shell shows "正在查询".
import { ActionButton, ProgressPanel } from '../ui/components';
import { useUi } from '../ui/settings';
import { StepFrame } from './step-frame';
import type { StepProps } from './types';

export function LookupStep({ view, send }: StepProps<'lookup'>) {
  const { t } = useUi();
  const result = view.result;
  if (!result)
    return (
      <StepFrame>
        <ProgressPanel activity="busy.querying" />
      </StepFrame>
    );
  const empty = result.rows.length === 0 && (result.table?.rows.length ?? 0) === 0;
  return (
    <StepFrame
      heading="lookup.found"
      actions={<ActionButton label="action.next" onPress={() => send({ kind: 'next' })} testId="step-next" />}
    >
      <section className="ui-panel journey-result" data-testid="lookup-result" data-query={view.query}>
        {empty && <p className="ui-lead">{t('lookup.empty')}</p>}
        {result.rows.length > 0 && (
          <dl className="journey-rows">
            {result.rows.map((row, i) => (
              <div key={i} className="journey-row">
                <dt>{t(row.label)}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {result.table && result.table.rows.length > 0 && (
          <table className="journey-table">
            <thead>
              <tr>
                {result.table.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {t(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </StepFrame>
  );
}
