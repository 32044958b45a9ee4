import type { Text } from '../ui/text';
import { InputDisplay } from './input-display';
import { LETTER_FACES, LETTER_LABELS, LETTER_ROWS, typeLetter } from './letter-keys';
import { TouchKeys } from './touch-keys';
import './input.css';

export interface LetterInputProps {
  label: Text;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  testId?: string;
}

/** English letters only (a foreign name, a passport number's letters). */
export function LetterInput({ label, value, onChange, maxLength = 40, testId }: LetterInputProps) {
  const onKey = (button: string) => {
    if (button === '{bksp}') onChange([...value].slice(0, -1).join(''));
    else if (button === '{clear}') onChange('');
    else if (button === '{space}') onChange([...`${value} `].slice(0, maxLength).join(''));
    else onChange(typeLetter(value, button, maxLength));
  };
  return (
    <div className="ui-input" data-testid={testId}>
      <InputDisplay label={label} shown={value} testId="field" />
      <TouchKeys
        name="letters"
        rows={LETTER_ROWS}
        faces={LETTER_FACES}
        labels={LETTER_LABELS}
        onKey={onKey}
      />
    </div>
  );
}
