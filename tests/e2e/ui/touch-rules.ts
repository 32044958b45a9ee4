// Our own checks of a rendered screen against the design tokens of its mode, beyond what axe
// covers: every interactive element at least the touch-target size, every text at least the body
// size (main actions at least the action size), every text's contrast against what it is painted on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { composite, contrastRatio, parseColor, type Rgba } from '../../../renderer/src/ui/contrast';
import { MODES, type UiMode } from '../../../renderer/src/ui/tokens';

const PAGE_FACTS_SCRIPT = readFileSync(path.join(import.meta.dirname, 'page-facts.js'), 'utf8');

export interface PageFacts {
  targets: Array<{ name: string; width: number; height: number }>;
  texts: Array<{ text: string; fontSize: number; color: string; backgrounds: string[]; mainAction: boolean }>;
}

/** Reads what the browser really laid out and painted; skips what is hidden or inert (under a dialog). */
export function collectFacts(page: Page): Promise<PageFacts> {
  // A plain script (page-facts.js): the tests are type-checked without the DOM library.
  return page.evaluate<PageFacts>(PAGE_FACTS_SCRIPT);
}

function backgroundOf(layers: readonly string[]): Rgba {
  // Whatever shows through the outermost translucent layer: the page's white.
  let bg: Rgba = { r: 255, g: 255, b: 255, a: 1 };
  for (const layer of [...layers].reverse()) bg = composite(parseColor(layer), bg);
  return bg;
}

/** Each breach of the mode's numbers, as a readable line. */
export function breaches(facts: PageFacts, mode: UiMode): string[] {
  const m = MODES[mode];
  const out: string[] = [];
  for (const t of facts.targets) {
    if (t.width + 0.5 < m.minTarget || t.height + 0.5 < m.minTarget)
      out.push(`target "${t.name}" is ${t.width.toFixed(0)}×${t.height.toFixed(0)} px (min ${m.minTarget})`);
  }
  for (const t of facts.texts) {
    if (t.fontSize + 0.01 < m.bodyText) out.push(`text "${t.text}" is ${t.fontSize} px (min ${m.bodyText})`);
    if (t.mainAction && t.fontSize + 0.01 < m.actionText)
      out.push(`main action "${t.text}" is ${t.fontSize} px (min ${m.actionText})`);
    const ratio = contrastRatio(t.color, backgroundOf(t.backgrounds));
    if (ratio < m.minContrast)
      out.push(`text "${t.text}" has contrast ${ratio.toFixed(2)}:1 (min ${m.minContrast}:1)`);
  }
  return out;
}
