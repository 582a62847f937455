import { defineConfig } from 'vitest/config';

/** End-to-end journeys: one real BFF process, one Chromium, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    // Every wait inside a test is for an element's state or a request's answer, with no budget of
    // its own; this ceiling only ends a test that can never finish.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
