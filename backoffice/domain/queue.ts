import { z } from 'zod';

// 取号: counter themes of a hall. Each site keeps one queue per theme and CST day; numbers are the
// theme's prefix and a daily sequence (A001). The themes are part of the site configuration pushed
// to kiosks (`site.queueThemes`), so a hall names its own counters.

export const queueTheme = z.object({
  themeId: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9-]*$/),
  prefix: z.string().regex(/^[A-Z]$/),
  nameZh: z.string().min(1).max(40),
  nameEn: z.string().min(1).max(80),
});
export type QueueTheme = z.output<typeof queueTheme>;

export const queueThemes = z
  .array(queueTheme)
  .min(1)
  .max(26)
  .refine((t) => new Set(t.map((x) => x.themeId)).size === t.length, 'theme ids must be unique')
  .refine((t) => new Set(t.map((x) => x.prefix)).size === t.length, 'prefixes must be unique');

export const DEFAULT_QUEUE_THEMES: readonly QueueTheme[] = [
  { themeId: 'social', prefix: 'A', nameZh: '社保医保', nameEn: 'Social and medical insurance' },
  { themeId: 'housing-fund', prefix: 'B', nameZh: '住房公积金', nameEn: 'Housing fund' },
  { themeId: 'business', prefix: 'C', nameZh: '商事登记', nameEn: 'Business registration' },
  { themeId: 'real-estate', prefix: 'D', nameZh: '不动产登记', nameEn: 'Real estate registration' },
  { themeId: 'general', prefix: 'E', nameZh: '综合受理', nameEn: 'General services' },
];

/** The themes a site configuration names, or the defaults when it names none (or names them wrongly). */
export function themesOf(site: Record<string, unknown>): readonly QueueTheme[] {
  const parsed = queueThemes.safeParse(site.queueThemes);
  return parsed.success ? parsed.data : DEFAULT_QUEUE_THEMES;
}

/** A001: the theme's prefix and the day's number, at least three digits. */
export const ticketLabel = (prefix: string, number: number): string =>
  `${prefix}${String(number).padStart(3, '0')}`;
