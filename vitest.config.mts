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
    // Most files wait on real I/O (ptys, daemons, Chromium), so more files than cores run at once.
    maxWorkers: 3,
  },
});
