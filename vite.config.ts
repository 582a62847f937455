import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/bff/**/*.test.ts', 'shared/**/*.test.ts', 'bff/**/*.test.ts'],
    // Each test file opens its own libSQL file; scrypt sign-ins are CPU-bound, so two at a time.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
