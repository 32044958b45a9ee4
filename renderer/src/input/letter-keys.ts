// English letters: capitals (names as in passports), space, hyphen and apostrophe.
import type { MessageKey } from '../i18n/messages';

export const LETTER_ROWS = [
  'q w e r t y u i o p',
  "a s d f g h j k l '",
  'z x c v b n m - {bksp}',
  '{clear} {space}',
];

export const LETTER_FACES: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyz'].map((l) => [l, l.toUpperCase()]),
);

/** The value after a key of the letter keyboard: letters in capitals, within `maxLength` characters. */
export function afterLetterKey(value: string, button: string, maxLength: number): string {
  const chars = [...value];
  if (button === '{bksp}') return chars.slice(0, -1).join('');
  if (button === '{clear}') return '';
  const typed =
    button === '{space}'
      ? ' '
      : /^[a-z]$/.test(button)
        ? button.toUpperCase()
        : /^[-']$/.test(button)
          ? button
          : '';
  return [...chars, typed].slice(0, maxLength).join('');
}

/** Function keys of the letter keyboard (the apostrophe is typed as itself). */
export const LETTER_LABELS: Readonly<Record<string, MessageKey>> = {
  '{bksp}': 'key.backspace',
  '{clear}': 'key.clear',
  '{space}': 'key.space',
};
