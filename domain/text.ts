import { z } from 'zod';

/** Text a citizen reads, in zh-CN first and English second (the UI switches between them). */
export const LocalText = z.strictObject({ zh: z.string().min(1).max(2000), en: z.string().min(1).max(2000) });
export type LocalText = z.infer<typeof LocalText>;

/** Shorthand for data files: t('参保证明', 'Social insurance certificate'). */
export const t = (zh: string, en: string): LocalText => ({ zh, en });
