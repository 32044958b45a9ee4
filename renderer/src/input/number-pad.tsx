// Number pads: plain digits, the ID-number pad (X as the 18th character, live check-digit hint)
// and the phone pad (11 digits shown 3-4-4, live prefix check).
import type { MessageKey } from '../i18n/messages';
import type { Text } from '../ui/text';
import { ID_NUMBER_LENGTH, idNumberAccepts, idNumberStatus } from './id-number';
import { InputDisplay, type HintTone } from './input-display';
import { PHONE_LENGTH, groupPhone, phoneStatus } from './phone';
import { TouchKeys } from './touch-keys';
import './input.css';

export type NumberPadKind = 'digits' | 'idNumber' | 'phone';

const DIGITS = [...'0123456789'];
const LABELS: Record<string, MessageKey> = { '{bksp}': 'key.backspace', '{clear}': 'key.clear' };
const ROWS: Record<NumberPadKind, string[]> = {
  digits: ['1 2 3', '4 5 6', '7 8 9', '{clear} 0 {bksp}'],
  phone: ['1 2 3', '4 5 6', '7 8 9', '{clear} 0 {bksp}'],
  idNumber: ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}', '{clear}'],
};

type Hint = { text: Text; tone: HintTone } | undefined;

function remaining(n: number): Hint {
  return { text: { key: 'input.remaining', params: { n } }, tone: 'info' };
}

function idHint(value: string): Hint {
  if (!value) return remaining(ID_NUMBER_LENGTH);
  const s = idNumberStatus(value);
  switch (s.kind) {
    case 'incomplete':
      return s.expectedCheck
        ? { text: { key: 'idNumber.check', params: { c: s.expectedCheck } }, tone: 'info' }
        : remaining(s.remaining);
    case 'badFormat':
      return { text: 'idNumber.badFormat', tone: 'error' };
    case 'badDate':
      return { text: 'idNumber.badDate', tone: 'error' };
    case 'badCheck':
      return { text: 'idNumber.badCheck', tone: 'error' };
    case 'valid':
      return { text: 'idNumber.valid', tone: 'ok' };
  }
}

function phoneHint(value: string): Hint {
  const s = phoneStatus(value);
  switch (s.kind) {
    case 'incomplete':
      return remaining(s.remaining);
    case 'badStart':
      return { text: 'phone.badStart', tone: 'error' };
    case 'badPrefix':
      return { text: 'phone.badPrefix', tone: 'error' };
    case 'valid':
      return { text: 'phone.valid', tone: 'ok' };
  }
}

/** 110105194912310021 → "110105 19491231 0021": region, birth date, sequence and check. */
export function groupIdNumber(value: string): string {
  return [value.slice(0, 6), value.slice(6, 14), value.slice(14)].filter(Boolean).join(' ');
}

export interface NumberPadProps {
  kind: NumberPadKind;
  label: Text;
  value: string;
  onChange: (value: string) => void;
  /** Digits pad only (the others have their fixed length). */
  maxLength?: number;
  /** Shows a dot per digit (a PIN). */
  masked?: boolean;
  testId?: string;
}

export function NumberPad({ kind, label, value, onChange, maxLength = 20, masked, testId }: NumberPadProps) {
  const limit = kind === 'idNumber' ? ID_NUMBER_LENGTH : kind === 'phone' ? PHONE_LENGTH : maxLength;
  const accepts = (key: string) =>
    kind === 'idNumber' ? idNumberAccepts(value, key) : value.length < limit && /^\d$/.test(key);
  const onKey = (button: string) => {
    if (button === '{bksp}') return onChange(value.slice(0, -1));
    if (button === '{clear}') return onChange('');
    if (accepts(button)) onChange(value + button);
  };
  const disabled = [...DIGITS, 'X'].filter((k) => !accepts(k));
  const shown = masked
    ? '●'.repeat(value.length)
    : kind === 'idNumber'
      ? groupIdNumber(value)
      : kind === 'phone'
        ? groupPhone(value)
        : value;
  const hint =
    kind === 'idNumber'
      ? idHint(value)
      : kind === 'phone'
        ? phoneHint(value)
        : maxLength < 20 && value.length < maxLength
          ? remaining(maxLength - value.length)
          : undefined;
  return (
    <div className="ui-input ui-input-pad" data-testid={testId}>
      <InputDisplay label={label} shown={shown} hint={hint} testId="field" />
      <TouchKeys
        name={kind}
        rows={ROWS[kind]}
        labels={LABELS}
        onKey={onKey}
        disabled={disabled}
        className="ui-keys-pad"
      />
    </div>
  );
}
