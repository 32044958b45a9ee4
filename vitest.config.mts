import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'release/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration suites share real system daemons (pcscd, cupsd, PostgreSQL); keep files isolated in forks.
    pool: 'forks',
  },
});
