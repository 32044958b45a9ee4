import { useId } from 'react';
import { useUi } from '../ui/settings';
import type { Text } from '../ui/text';

export type HintTone = 'info' | 'ok' | 'error';

export interface InputDisplayProps {
  label: Text;
  /** What is entered, as shown (already grouped for numbers). */
  shown: string;
  /** Pinyin being typed, not yet turned into characters. */
  composition?: string | undefined;
  hint?: { text: Text; tone: HintTone } | undefined;
  testId?: string;
}

/**
 * The field a keyboard fills. Not an <input>: no system keyboard or IME may ever open on a kiosk,
 * and the text only changes through our keys. The caret stays at the end.
 */
export function InputDisplay({ label, shown, composition, hint, testId }: InputDisplayProps) {
  const { t } = useUi();
  const labelId = useId();
  return (
    <div className="ui-field">
      <span className="ui-field-label" id={labelId}>
        {t(label)}
      </span>
      <div
        className="ui-field-box"
        role="textbox"
        aria-labelledby={labelId}
        aria-readonly="true"
        data-testid={testId}
      >
        {shown && <span className="ui-field-value">{shown}</span>}
        {composition && <span className="ui-field-composition">{composition}</span>}
        <span className="ui-caret" aria-hidden="true" />
        {!shown && !composition && <span className="ui-field-placeholder">{t('input.empty')}</span>}
      </div>
      {hint && (
        <p
          className={`ui-field-hint is-${hint.tone}`}
          role="status"
          aria-live="polite"
          data-testid="field-hint"
        >
          {t(hint.text)}
        </p>
      )}
    </div>
  );
}
