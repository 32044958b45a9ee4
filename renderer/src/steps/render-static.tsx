// Test helper: a screen rendered to HTML inside the UI root, in plain Node (no DOM). Effects do not
// run in a static render, so this shows what the first paint of a view holds; behaviour is driven
// in Chromium (tests/e2e/screens).
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Locale } from '../i18n/messages';
import { UiRoot } from '../ui/settings';
import type { Orientation, UiMode } from '../ui/tokens';
import { VoicePlayer } from '../voice/voice-player';

export interface StaticOptions {
  locale?: Locale;
  mode?: UiMode;
  orientation?: Orientation;
}

export function renderStatic(node: ReactNode, opts: StaticOptions = {}): string {
  const g = globalThis as { window?: unknown };
  const had = 'window' in g;
  // UiRoot reads the screen's orientation before it knows it is fixed.
  if (!had) g.window = { matchMedia: () => ({ matches: true }) };
  try {
    return renderToStaticMarkup(
      <UiRoot
        initialLocale={opts.locale ?? 'zh-CN'}
        initialMode={opts.mode ?? 'standard'}
        orientation={opts.orientation ?? 'portrait'}
        voice={new VoicePlayer(() => Promise.resolve({}))}
      >
        {node}
      </UiRoot>,
    );
  } finally {
    if (!had) delete g.window;
  }
}

/** The visible text of rendered HTML, tags dropped and whitespace folded. */
export const textOfHtml = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
