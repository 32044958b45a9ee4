// Texts of the shell and the step screens (renderer/src/shell, renderer/src/steps), Simplified
// Chinese first. Merged into the catalogues by messages.ts.

export const screenZh = {
  'screen.fallback.title': '请继续',
  'screen.fallback.lead': '本步骤请按提示继续办理，如有疑问请到人工窗口咨询',
} as const;

export type ScreenMessageKey = keyof typeof screenZh;

export const screenEn: Record<ScreenMessageKey, string> & Partial<Record<`${ScreenMessageKey}#one`, string>> =
  {
    'screen.fallback.title': 'Please continue',
    'screen.fallback.lead': 'Continue as the screen shows; staff at a counter can help with any question',
  };
