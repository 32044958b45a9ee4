// The checks every screen of the gallery and the shell harness goes through, made cheap enough to run
// on every combination: axe-core run in the page itself, and the screenshot compared with its
// reference without decoding the two images when they are the same bytes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { checkScreenshot, SCREENSHOT_DIR, type ScreenshotVerdict } from '../../helpers/png-diff';

/** axe-core as the browser gets it: the minified build (quicker to load than axe.source, the same code). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Makes axe-core part of every document `page` loads from now on: its source is handed to the browser
 * once (an init script) instead of being injected before each run as AxeBuilder does, and it runs in
 * the page (axe.run, what AxeBuilder's legacy mode calls), without the blank page AxeBuilder opens to
 * merge the results of frames (there are no frames here).
 */
export async function installAxe(page: Page): Promise<void> {
  await page.addInitScript(AXE_SOURCE);
}

export interface AxeVerdict {
  /** Serious and critical violations, as `rule: target, target`. */
  grave: string[];
  /** Every rule that ran (passed, broken or with nothing to check). */
  ran: string[];
}

/** axe-core on the document of `page` (see installAxe), target-size on, 7:1 contrast when asked. */
export function runAxe(page: Page, opts: { enhancedContrast: boolean }): Promise<AxeVerdict> {
  const options = {
    rules: {
      'target-size': { enabled: true },
      'color-contrast-enhanced': { enabled: opts.enhancedContrast },
    },
  };
  // A string, evaluated in the page: the tests are type-checked without the DOM library.
  return page.evaluate<AxeVerdict>(`axe.run(document, ${JSON.stringify(options)}).then((r) => ({
    grave: r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')),
    ran: [...r.passes, ...r.violations, ...r.inapplicable, ...r.incomplete].map((x) => x.id),
  }))`);
}

/**
 * checkScreenshot, with a shortcut: a PNG byte for byte the same as the reference is the same image
 * (0 pixels differ), so the two are only decoded and compared pixel by pixel when they are not.
 */
export function checkShot(name: string, png: Buffer, maxDiffPixels: number): ScreenshotVerdict {
  if (process.env.UPDATE_SCREENSHOTS !== '1') {
    let reference: Buffer | undefined;
    try {
      reference = readFileSync(path.join(SCREENSHOT_DIR, name));
    } catch {
      reference = undefined; // missing: checkScreenshot says so
    }
    if (reference?.equals(png)) return { differing: 0 };
  }
  return checkScreenshot(name, png, maxDiffPixels);
}
