import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant of the codecs and the back office's domain rules
// (stryker.config.mjs): the unit tests next to the code, which run in memory and on a manual clock.
export default defineConfig({
  test: {
    include: ['devices/**/*.test.ts', 'backoffice/domain/**/*.test.ts'],
    exclude: ['node_modules/**', 'devices/transports/**'],
    testTimeout: 20_000,
  },
});
