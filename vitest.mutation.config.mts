import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant of the codecs and the back office's domain rules
// (stryker.config.mjs): the unit tests next to the code, which run in memory and on a manual clock.
// scripts/mutation.mjs narrows them to the mutated module's family (MUTATION_TEST_DIR, e.g.
// devices/scanner): no other family's tests import its code, and the static mutants, which run every
// test, then cost seconds instead of minutes.
const dir = process.env.MUTATION_TEST_DIR;
export default defineConfig({
  test: {
    include: dir ? [`${dir}/**/*.test.ts`] : ['devices/**/*.test.ts', 'backoffice/domain/**/*.test.ts'],
    exclude: ['node_modules/**', 'devices/transports/**'],
    testTimeout: 20_000,
  },
});
