import { useUi } from '../../ui/settings';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';
import { fieldText } from './form-values';
import { NextAction } from './next';

/** 样表: a filled-in form to copy from; nothing here is the citizen's. */
export function SampleStep({ view, send }: StepProps<'sample'>) {
  const { t } = useUi();
  return (
    <StepFrame
      heading={{ key: 'sample.title', params: { service: view.service } }}
      lead="sample.lead"
      actions={<NextAction send={send} />}
    >
      <dl className="step-rows step-sample" data-testid="sample-fields">
        {view.fields.map((f) => (
          <div key={f.name} className="step-row">
            <dt>{t(f.label)}</dt>
            <dd>{fieldText(f, f.value, t) || '—'}</dd>
          </div>
        ))}
      </dl>
    </StepFrame>
  );
}
