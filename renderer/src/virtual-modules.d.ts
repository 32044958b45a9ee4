// Modules generated at build time by scripts/renderer-assets (see vite.config.mts).

declare module 'virtual:pinyin-index' {
  /** The compact pinyin index text (renderer/src/input/pinyin/index-format.ts). */
  const text: string;
  export default text;
}

declare module 'virtual:voice-prompts' {
  /** locale → prompt key → file of the rendered prompt, relative to the page. */
  const manifest: Record<string, Record<string, string>>;
  export default manifest;
}
