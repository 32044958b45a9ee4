// A keyboard for configuration text (port names, queue names): letters in both cases, digits and the
// few signs such names use. On screen only: a kiosk has no keyboard.
import { useState } from 'react';
import { InputDisplay } from '../input/input-display';
import { TouchKeys } from '../input/touch-keys';
import type { MessageKey } from '../i18n/messages';
import type { Text } from '../ui/text';

const ROWS = [
  '1 2 3 4 5 6 7 8 9 0',
  'q w e r t y u i o p',
  'a s d f g h j k l :',
  'z x c v b n m . - _',
  '{shift} / {bksp} {clear}',
];
const LABELS: Readonly<Record<string, MessageKey>> = {
  '{shift}': 'diag.key.shift',
  '{bksp}': 'key.backspace',
  '{clear}': 'key.clear',
};

export function ConfigTextInput({
  label,
  value,
  onChange,
  maxLength = 128,
}: {
  label: Text;
  value: string;
  onChange: (v: string) => void;
  maxLength?: number;
}) {
  const [upper, setUpper] = useState(false);
  const faces = upper
    ? Object.fromEntries([...'abcdefghijklmnopqrstuvwxyz'].map((c) => [c, c.toUpperCase()]))
    : {};
  const onKey = (key: string) => {
    if (key === '{shift}') return setUpper((u) => !u);
    if (key === '{bksp}') return onChange(value.slice(0, -1));
    if (key === '{clear}') return onChange('');
    if (value.length < maxLength) onChange(value + (upper ? key.toUpperCase() : key));
  };
  return (
    <div className="ui-input" data-testid="config-text">
      <InputDisplay label={label} shown={value} testId="field" />
      <TouchKeys name="config-text" rows={ROWS} labels={LABELS} faces={faces} onKey={onKey} />
    </div>
  );
}
