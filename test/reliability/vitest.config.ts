import { defineConfig } from 'vitest/config';

/** The reliability suite: real server processes, one file at a time; docs/reliability-report.md written at the end. */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    globalSetup: ['test/reliability/global-setup.ts', 'test/helpers/postgres-global-setup.ts'],
  },
});
