import { useState } from 'react';
import { ActionButton } from '../../ui/components';
import { useUi } from '../../ui/settings';
import { StepFrame } from '../step-frame';
import type { StepProps } from '../types';

/** 电子证照: the citizen's e-licences (numbers masked by the host), picked by id, or skipped. */
export function ElicencesStep({ view, send }: StepProps<'elicences'>) {
  const { t } = useUi();
  const [selected, setSelected] = useState<string[]>(view.selected);
  // Each change goes to the host at once, so `next` never races a selection still on its way.
  const toggle = (id: string) => {
    const next = selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id];
    setSelected(next);
    send({ kind: 'elicences', selected: next });
  };
  return (
    <StepFrame
      heading="elicences.title"
      lead="elicences.lead"
      actions={
        <>
          <ActionButton label="action.next" onPress={() => send({ kind: 'next' })} testId="step-next" />
          <ActionButton
            variant="secondary"
            label="action.skip"
            onPress={() => send({ kind: 'skip' })}
            testId="step-skip"
          />
        </>
      }
    >
      {view.items.length === 0 ? (
        <p className="ui-lead">{t('elicences.none')}</p>
      ) : (
        <ul className="step-checks">
          {view.items.map((item) => {
            const on = selected.includes(item.id);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  role="checkbox"
                  aria-checked={on}
                  className={`step-check${on ? ' is-on' : ''}`}
                  onClick={() => toggle(item.id)}
                  data-elicence={item.id}
                >
                  <span className="step-check-box" aria-hidden="true">
                    {on ? '✓' : ''}
                  </span>
                  <span className="step-check-text">
                    <strong>{item.licenceType}</strong>
                    <span>{item.number}</span>
                    <span className="ui-muted">
                      {t({ key: 'elicences.detail', params: { issuer: item.issuer, validTo: item.validTo } })}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </StepFrame>
  );
}
