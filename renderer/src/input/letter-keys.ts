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

/** The value after typing a letter key (letters in capitals), within `maxLength` characters. */
export function typeLetter(value: string, button: string, maxLength: number): string {
  const ch = /^[a-z]$/.test(button) ? button.toUpperCase() : button === '-' || button === "'" ? button : '';
  return [...(value + ch)].slice(0, maxLength).join('');
}

/** Function keys of the letter keyboard (the apostrophe is typed as itself). */
export const LETTER_LABELS: Readonly<Record<string, MessageKey>> = {
  '{bksp}': 'key.backspace',
  '{clear}': 'key.clear',
  '{space}': 'key.space',
};
