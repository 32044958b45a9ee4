// Debian's Chromium driven by playwright-core, headless, with optional fake camera.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Quiet, offline, reproducible headless Chromium (toolchain.md §6). */
export const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Feeds `y4mFile` as the only camera. Access still needs a grant (context permissions or the flag below). */
export const fakeCameraFlags = (y4mFile: string): string[] => [
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${y4mFile}`,
];

/** Accepts every camera/microphone permission prompt, for every page of the browser. */
export const AUTO_GRANT_MEDIA_FLAG = '--use-fake-ui-for-media-stream';

export async function launchChromium(extraFlags: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install the Debian package (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...BASE_FLAGS, ...extraFlags],
  });
}
