import { defineConfig } from 'vitest/config';

/** End-to-end journeys: one real BFF process, one Chromium, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The QA page's live panels refresh every 2 s; give each polled expectation room for a few.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
