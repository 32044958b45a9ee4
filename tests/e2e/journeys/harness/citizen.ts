// What a citizen does and sees, in Playwright terms: tap what the screen says, wait until a text is
// shown (Playwright waits on the page's own changes, never a fixed time), and the accessibility
// checks of the screen passed through (axe with target-size on, our touch numbers).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { UiMode } from '../../../../renderer/src/ui/tokens';
import { breaches, collectFacts } from '../../ui/touch-rules';

const SHOWN_MS = 30_000;

/** Waits until `text` is on screen. */
export async function see(page: Page, text: string | RegExp, timeout = SHOWN_MS): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ state: 'visible', timeout });
  } catch (err) {
    // Say what the citizen saw instead, so a wrong guess of a text is plain in the failure.
    const shown = await screenText(page).catch(() => '(no page)');
    throw new Error(`not shown: ${String(text)}\nthe screen said:\n${shown}`, { cause: err });
  }
}

/** Taps the button (or choice) that reads `text`, once it is there. */
export async function tap(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: text }).first().click({ timeout: SHOWN_MS });
}

/** Taps the tab (a catalogue theme) that reads `text`. */
export async function pick(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('tab', { name: text }).first().click({ timeout: SHOWN_MS });
}

/** The screen's text as the citizen reads it. */
export const screenText = (page: Page): Promise<string> => page.locator('body').innerText();

/** No serious or critical axe violation (target-size on, 7:1 in elder mode) and the mode's touch numbers hold. */
export async function expectAccessible(page: Page, mode: UiMode, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .options({
      rules: {
        'target-size': { enabled: true },
        'color-contrast-enhanced': { enabled: mode === 'elder' },
      },
    })
    .analyze();
  const grave = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(grave, `axe on ${where}`).toEqual([]);
  expect(breaches(await collectFacts(page), mode), `touch rules on ${where}`).toEqual([]);
}
