// One field's on-screen input, chosen by the kind the form field declares. No field ever needs a
// physical keyboard.
import type { FieldView } from '../../../main/ipc/contract/flow';
import type { Text } from '../ui/text';
import { LetterInput } from './letter-input';
import { NumberPad } from './number-pad';
import { PinyinInput } from './pinyin-input';

/** The on-screen input a form field names (the host's InputMode; `none` fields take no typing). */
export type InputKind = Exclude<FieldView['input'], 'none'>;

export interface TextEntryProps {
  kind: InputKind;
  label: Text;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  testId?: string;
}

export function TextEntry({ kind, ...props }: TextEntryProps) {
  switch (kind) {
    case 'pinyin':
      return <PinyinInput {...props} />;
    case 'letters':
      return <LetterInput {...props} />;
    case 'digits':
    case 'idNumber':
    case 'phone':
      return <NumberPad kind={kind} {...props} />;
  }
}
