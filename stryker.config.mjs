// Mutation testing of every pure codec (devices/*/protocol) and the back office's domain rules
// (issue #12). Run through scripts/mutation.mjs, which prints the score per module.
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.mts', related: false },
  mutate: [
    'devices/*/protocol/**/*.ts',
    '!devices/*/protocol/**/*.test.ts',
    'backoffice/domain/**/*.ts',
    '!backoffice/domain/**/*.test.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['json', 'progress'],
  // Per-module report and sandbox (scripts/mutation.mjs), so two modules may run side by side.
  jsonReporter: { fileName: process.env.MUTATION_REPORT ?? '.tmp/mutation/mutation.json' },
  tempDirName: process.env.MUTATION_SANDBOX ?? '.tmp/stryker',
  cleanTempDir: 'always',
  ignorePatterns: [
    '.runtime',
    'dist',
    'dist.*',
    'out',
    'release',
    '.tmp',
    'coverage',
    'renderer',
    'tests/e2e',
    'bench',
  ],
};
