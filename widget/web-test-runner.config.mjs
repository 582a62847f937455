/**
 * @web/test-runner for the widget: Debian's Chromium through Playwright, TypeScript through
 * esbuild, and the real BFF (demo endpoints on, a temp database) answering /api/* on the same
 * origin as the test pages. One test file at a time: they share that BFF and reset its data.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { createServer } from 'node:net';
import { register } from 'tsx/esm/api';
import { chromiumArgs, findChromium } from '../test/chromium.mjs';

register();
const { startBrowserBff } = await import('../test/helpers/widget-bff.ts');

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const origin = `http://127.0.0.1:${port}`;
// A short cooldown keeps the suite quick; the widget counts whatever the server says.
const browserBff = await startBrowserBff(origin, { DELETION_COOLDOWN_SECONDS: 2 });
process.on('exit', () => browserBff.close());

export default {
  rootDir: '.',
  files: ['widget/**/*.test.ts'],
  hostname: '127.0.0.1',
  port,
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  middleware: [browserBff.middleware],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs },
    }),
  ],
};
