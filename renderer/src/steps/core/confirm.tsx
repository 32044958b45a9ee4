import { useUi } from '../../ui/settings';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';
import { NextAction } from './next';
import { Rows } from './rows';

export function ConfirmStep({ view, send }: StepProps<'confirm'>) {
  const { t } = useUi();
  return (
    <StepFrame
      heading="confirm.title"
      lead="confirm.lead"
      voice="step.confirm"
      actions={<NextAction send={send} label="confirm.submit" />}
    >
      <Rows rows={view.rows} testId="confirm-rows" />
      {view.materials.length > 0 && (
        <section className="step-card">
          <h3 className="step-subtitle">{t('confirm.materials')}</h3>
          <ul className="step-list">
            {view.materials.map((m, i) => (
              <li key={i}>{t({ key: 'confirm.pages', params: { name: m.name, n: m.pages } })}</li>
            ))}
          </ul>
        </section>
      )}
      {view.delivery && (
        <p className="ui-lead">{t({ key: 'confirm.delivery', params: { how: view.delivery } })}</p>
      )}
    </StepFrame>
  );
}
