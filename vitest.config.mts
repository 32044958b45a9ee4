import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    // .tmp/ holds scratch and generated files (git-ignored); nothing there is part of the suite.
    exclude: ['node_modules/**', 'out/**', 'dist/**', 'dist.*/**', 'release/**', '.tmp/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration suites share real system daemons (pcscd, cupsd, PostgreSQL); keep files isolated in forks.
    pool: 'forks',
    // Two files at once on the 2-core CI machine (vitest's default is cores - 1): the suite takes about
    // 13 min instead of 20, without the load of a third file that pushes real-time deadlines over.
    maxWorkers: 2,
  },
});
