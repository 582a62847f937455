import { defineConfig } from 'vitest/config';

/**
 * The package as hosts get it: `npm pack` once (global-setup.ts), then each file installs a host of
 * its own from the tarball in a temp folder, with npm's cache and no network when it can. The two
 * hosts run side by side (one per core).
 */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    globalSetup: ['test/package/global-setup.ts'],
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 420_000,
  },
});
