// 好差评 (GB/T 39734): five levels with the host's labels, the reasons offered for the chosen level,
// an optional comment. A 差评 needs a reason before it can be sent (the host checks it again and
// its errors come back in the view). Skipping is offered only when the step is optional.
import { useState } from 'react';
import { TextEntry } from '../input/text-entry';
import { ActionButton } from '../ui/components';
import { useUi } from '../ui/settings';
import { StepFrame } from './step-frame';
import type { StepProps } from './types';

export function RateStep({ view, send }: StepProps<'rate'>) {
  const { t } = useUi();
  const [level, setLevel] = useState<number | undefined>();
  const [options, setOptions] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [writing, setWriting] = useState(false);
  const chosen = view.levels.find((l) => l.level === level);
  const needsReason = chosen?.poor === true && options.length === 0 && text.trim() === '';
  const toggle = (id: string) => setOptions((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  const choose = (l: number) => {
    setLevel(l);
    setOptions([]);
  };
  const rating = { level, options, ...(text.trim() ? { text: text.trim() } : {}) };
  return (
    <StepFrame
      heading="rate.title"
      {...(view.subject.trackingNumber
        ? { lead: { key: 'rate.subject' as const, params: { n: view.subject.trackingNumber } } }
        : {})}
      actions={
        <>
          <ActionButton
            label="rate.send"
            disabled={!chosen || needsReason}
            onPress={() => send({ kind: 'rate', rating })}
            testId="rate-send"
          />
          {view.optional && (
            <ActionButton
              label="action.skip"
              variant="secondary"
              onPress={() => send({ kind: 'skip' })}
              testId="rate-skip"
            />
          )}
        </>
      }
    >
      {view.error && view.error.length > 0 && (
        <p className="ui-panel ui-lead journey-error" role="alert" data-testid="rate-error">
          {t('rate.error')}
        </p>
      )}
      <div className="journey-levels" role="group" aria-label={t('rate.levels')}>
        {view.levels.map((l) => (
          <button
            key={l.level}
            type="button"
            className={`ui-choice journey-level${l.poor ? ' is-poor' : ''}`}
            aria-pressed={l.level === level}
            data-level={l.level}
            onClick={() => choose(l.level)}
          >
            <span className="journey-stars" aria-hidden="true">
              {'★'.repeat(l.level)}
            </span>
            <span className="ui-choice-label">{t(l.label)}</span>
          </button>
        ))}
      </div>
      {chosen && chosen.options.length > 0 && (
        <fieldset className="journey-reasons">
          <legend className="ui-lead">{t(chosen.poor ? 'rate.reasons.poor' : 'rate.reasons')}</legend>
          {chosen.options.map((o) => (
            <button
              key={o.id}
              type="button"
              className="ui-choice journey-reason"
              aria-pressed={options.includes(o.id)}
              data-option={o.id}
              onClick={() => toggle(o.id)}
            >
              <span className="ui-choice-label">{t(o.label)}</span>
            </button>
          ))}
        </fieldset>
      )}
      {chosen &&
        (writing ? (
          <TextEntry
            kind="pinyin"
            label="rate.text"
            value={text}
            onChange={setText}
            maxLength={view.textMax}
            testId="rate-text"
          />
        ) : (
          <ActionButton
            label="rate.writeText"
            variant="secondary"
            onPress={() => setWriting(true)}
            testId="rate-write"
          />
        ))}
    </StepFrame>
  );
}
