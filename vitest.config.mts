import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/sequencer.ts';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    // .tmp/ holds scratch and generated files (git-ignored); nothing there is part of the suite.
    exclude: ['node_modules/**', 'out/**', 'dist/**', 'dist.*/**', 'release/**', '.tmp/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration suites share real system daemons (pcscd, cupsd, PostgreSQL); keep files isolated in forks.
    pool: 'forks',
    // Three files at once on the 2-core CI machine (vitest's default there is cores - 1 = 1): most files
    // wait on real I/O (ptys, daemons, Chromium, host restarts). Measured: 1 → 18 min, 2 → 14.5 min,
    // 3 → 11 min of vitest for the whole suite.
    maxWorkers: 3,
    // Longest files first, also on a clean clone without vitest's cache (tests/sequencer.ts).
    sequence: { sequencer: LongestFirst },
  },
});
