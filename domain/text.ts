import { z } from 'zod';

/**
 * Text that every store keeps byte for byte and every hash sees exactly as it is stored: well-formed
 * UTF-16 (a lone surrogate has no UTF-8 form, so SQLite and PostgreSQL store U+FFFD instead and the
 * stored text no longer hashes to what was hashed before; issue #12) and no NUL (PostgreSQL text
 * cannot hold U+0000). Everything a person or a kiosk sends is held to this before it is hashed or
 * stored: names, addresses, form values, user names, reasons.
 */
export function isStorableText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/**
 * The storable form of a text that must be kept whatever it holds (an audit entry of a hostile
 * request): each lone surrogate and NUL becomes U+FFFD, so what is hashed is what is stored.
 */
export function toStorableText(s: string): string {
  if (isStorableText(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else out += c === 0 || (c >= 0xd800 && c <= 0xdfff) ? '\ufffd' : s[i]!;
  }
  return out;
}

export const UNSTORABLE_TEXT = 'contains a character that cannot be stored (a lone UTF-16 surrogate or NUL)';

/** A string held to isStorableText. */
export const StorableText = z.string().refine(isStorableText, UNSTORABLE_TEXT);

/** Text a citizen reads, in zh-CN first and English second (the UI switches between them). */
export const LocalText = z.strictObject({ zh: z.string().min(1).max(2000), en: z.string().min(1).max(2000) });
export type LocalText = z.infer<typeof LocalText>;

/** Shorthand for data files: t('参保证明', 'Social insurance certificate'). */
export const t = (zh: string, en: string): LocalText => ({ zh, en });
