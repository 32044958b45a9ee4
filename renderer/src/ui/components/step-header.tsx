import { useUi } from '../settings';
import type { Text } from '../text';
import { ActionButton } from './action-button';
import { BackGlyph, CloseGlyph } from './icons';

export interface StepHeaderProps {
  title: Text;
  /** Step n of m (the host's view: m may shrink as the path becomes known, never grow). */
  step?: { n: number; m: number };
  /** Absent on the first step: nothing to go back to. */
  onBack?: () => void;
  onCancel?: () => void;
}

/** Title of a step with "step n of m" in words and as a bar, and back / cancel on either side. */
export function StepHeader({ title, step, onBack, onCancel }: StepHeaderProps) {
  const { t } = useUi();
  return (
    <header className="ui-step-header">
      <div className="ui-step-side">
        {onBack && (
          <ActionButton
            variant="quiet"
            label="action.back"
            icon={<BackGlyph />}
            onPress={onBack}
            testId="step-back"
          />
        )}
      </div>
      <div className="ui-step-titles">
        {step && (
          <p className="ui-step-count" data-testid="step-count">
            {t({ key: 'step.progress', params: { n: step.n, m: step.m } })}
          </p>
        )}
        <h1 className="ui-title">{t(title)}</h1>
        {step && (
          <div className="ui-step-bar" aria-hidden="true">
            {Array.from({ length: step.m }, (_, i) => (
              <span key={i} className={i < step.n ? 'is-done' : undefined} />
            ))}
          </div>
        )}
      </div>
      <div className="ui-step-side ui-step-side-end">
        {onCancel && (
          <ActionButton
            variant="quiet"
            label="action.cancel"
            icon={<CloseGlyph />}
            onPress={onCancel}
            testId="step-cancel"
          />
        )}
      </div>
    </header>
  );
}
