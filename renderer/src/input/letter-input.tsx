import type { Text } from '../ui/text';
import { InputDisplay } from './input-display';
import { LETTER_FACES, LETTER_LABELS, LETTER_ROWS, afterLetterKey } from './letter-keys';
import { TouchKeys } from './touch-keys';
import './input.css';

/** The keys of the letter keyboard (also a layout of the pinyin input). */
export function LetterKeys({ onKey }: { onKey: (button: string) => void }) {
  return (
    <TouchKeys name="letters" rows={LETTER_ROWS} faces={LETTER_FACES} labels={LETTER_LABELS} onKey={onKey} />
  );
}

export interface LetterInputProps {
  label: Text;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  testId?: string;
}

/** English letters only (a foreign name, a passport number's letters). */
export function LetterInput({ label, value, onChange, maxLength = 40, testId }: LetterInputProps) {
  return (
    <div className="ui-input" data-testid={testId}>
      <InputDisplay label={label} shown={value} testId="field" />
      <LetterKeys onKey={(button) => onChange(afterLetterKey(value, button, maxLength))} />
    </div>
  );
}
