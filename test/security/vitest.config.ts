import { defineConfig } from 'vitest/config';

/**
 * The security suite (issue 18): attacks on real server processes, one file at a time (several
 * measure latency under a burst, which a neighbouring file would blur).
 */
export default defineConfig({
  test: {
    include: ['test/security/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
