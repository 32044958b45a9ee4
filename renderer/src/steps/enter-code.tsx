// A code the citizen types or scans: a pickup code on the digit pad, a case number on a pad of
// digits and capitals (it reads YZ20261205-000123X). With `scan`, the host listens to the scanner
// meanwhile: a receipt's QR moves the step on without typing. The host checks the code.
import { useState } from 'react';
import type { MessageKey } from '../i18n/messages';
import { InputDisplay } from '../input/input-display';
import { LETTER_FACES } from '../input/letter-keys';
import { TextEntry } from '../input/text-entry';
import { TouchKeys } from '../input/touch-keys';
import { ActionButton, DevicePrompt } from '../ui/components';
import { useUi } from '../ui/settings';
import { StepFrame } from './step-frame';
import type { StepProps } from './types';

const CODE_MAX = 40;
const ALNUM_ROWS = [
  '1 2 3 4 5 6 7 8 9 0',
  'q w e r t y u i o p',
  'a s d f g h j k l -',
  'z x c v b n m {bksp}',
  '{clear}',
];
const ALNUM_LABELS: Readonly<Record<string, MessageKey>> = {
  '{bksp}': 'key.backspace',
  '{clear}': 'key.clear',
};

/** The value after a key of the case-number pad: digits, capitals and the hyphen. */
export function afterCodeKey(value: string, button: string): string {
  if (button === '{bksp}') return value.slice(0, -1);
  if (button === '{clear}') return '';
  if (!/^[0-9a-z-]$/.test(button) || value.length >= CODE_MAX) return value;
  return value + button.toUpperCase();
}

export function EnterCodeStep({ view, send }: StepProps<'enterCode'>) {
  const { t } = useUi();
  const [value, setValue] = useState('');
  const field = `code.field.${view.code}` as const satisfies MessageKey;
  const pad =
    view.input === 'letters' ? (
      <div className="ui-input" data-testid="code-entry">
        <InputDisplay label={field} shown={value} testId="field" />
        <TouchKeys
          name="code"
          rows={ALNUM_ROWS}
          labels={ALNUM_LABELS}
          faces={LETTER_FACES}
          onKey={(k) => setValue((v) => afterCodeKey(v, k))}
        />
      </div>
    ) : view.input === 'none' ? null : (
      <TextEntry kind={view.input} label={field} value={value} onChange={setValue} testId="code-entry" />
    );
  return (
    <StepFrame
      heading={`code.title.${view.code}`}
      lead={`code.lead.${view.code}`}
      actions={
        pad && (
          <ActionButton
            label="action.confirm"
            disabled={value.length === 0}
            onPress={() => send({ kind: 'code', value })}
            testId="code-confirm"
          />
        )
      }
    >
      {view.error && (
        <p className="ui-panel ui-lead journey-error" role="alert" data-testid="code-error">
          {t('fault.codeInvalid')}
        </p>
      )}
      {view.scan && (pad ? <p className="ui-lead">{t('code.orScan')}</p> : <DevicePrompt kind="scanCode" />)}
      {pad}
    </StepFrame>
  );
}
