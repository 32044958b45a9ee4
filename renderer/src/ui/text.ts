// What a component may be asked to show: a message key of our catalogues (with parameters), or a
// text that comes as data in both languages (a service name from the host's catalogue). Components
// never hold literal text; they resolve one of these in the current locale.
import { format, type Locale, type MessageKey } from '../i18n/messages';

/** Text given as data, in both languages: the shape of the host's LocalText (domain/text). */
export interface Bilingual {
  zh: string;
  en: string;
}

export type TextParam = string | number | Bilingual;

export type Text = MessageKey | { key: MessageKey; params?: Readonly<Record<string, TextParam>> } | Bilingual;

const isBilingual = (v: unknown): v is Bilingual =>
  typeof v === 'object' && v !== null && 'zh' in v && 'en' in v;

/** The text of a bilingual datum in a locale. */
export const inLocale = (text: Bilingual, locale: Locale): string => (locale === 'zh-CN' ? text.zh : text.en);

/** The string to show for `text` in `locale`. */
export function textOf(locale: Locale, text: Text): string {
  if (typeof text === 'string') return format(locale, text);
  if (isBilingual(text)) return inLocale(text, locale);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    params[name] = isBilingual(value) ? inLocale(value, locale) : value;
  }
  return format(locale, text.key, params);
}
