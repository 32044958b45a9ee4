import { useUi } from '../../ui/settings';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';
import { NextAction } from './next';

/** 办事指南: materials, time limit, fees, legal basis and notes, before the citizen begins. */
export function GuideStep({ view, send }: StepProps<'guide'>) {
  const { t } = useUi();
  const g = view.guide;
  return (
    <StepFrame
      heading="guide.title"
      lead={view.summary}
      actions={<NextAction send={send} label="guide.begin" />}
    >
      <section className="step-card" data-testid="guide-materials">
        <h3 className="step-subtitle">{t('guide.materials')}</h3>
        <ol className="step-list">
          {g.materials.map((m, i) => (
            <li key={i}>{t(m)}</li>
          ))}
        </ol>
      </section>
      <dl className="step-rows">
        <div className="step-row">
          <dt>{t('guide.timeLimit')}</dt>
          <dd>{t(g.timeLimit)}</dd>
        </div>
        <div className="step-row">
          <dt>{t('guide.fees')}</dt>
          <dd>{t(g.fees)}</dd>
        </div>
      </dl>
      {g.notes.length > 0 && (
        <section className="step-card">
          <h3 className="step-subtitle">{t('guide.notes')}</h3>
          <ul className="step-list">
            {g.notes.map((n, i) => (
              <li key={i}>{t(n)}</li>
            ))}
          </ul>
        </section>
      )}
      <section className="step-card step-quiet">
        <h3 className="step-subtitle">{t('guide.legalBasis')}</h3>
        <ul className="step-list">
          {g.legalBasis.map((b, i) => (
            <li key={i}>{t(b)}</li>
          ))}
        </ul>
      </section>
    </StepFrame>
  );
}
