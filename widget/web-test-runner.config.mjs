/**
 * @web/test-runner for the widget: Debian's Chromium through Playwright, TypeScript through
 * esbuild, and the real BFF (demo endpoints on, a temp database) answering /api/* on the same
 * origin as the test pages. One test file at a time: they share that BFF and reset its data.
 *
 * The tests wait for events, never for time; mocha's per-test ceiling is only a safety net for a
 * test that would otherwise hang, set far above what a test takes on a machine with both cores busy.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { createServer } from 'node:net';
import { register } from 'tsx/esm/api';
import { chromiumArgs, findChromium } from '../test/chromium.mjs';

register();
const { startBrowserBff } = await import('../test/helpers/widget-bff.ts');
const { fixtures } = await import('../test/helpers/fixtures.ts');
const tables = await import('../bff/db/tables.ts');

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

/**
 * What no front door creates: a user without a password (better-auth here signs up with email and
 * password only), the only owner of a new org, with a session that signed in `signedInMinutesAgo`
 * minutes ago on the server's clock. Answers the org and the session token (for `getToken`).
 */
async function passwordlessOwner(ctx, next) {
  if (ctx.path !== '/__fixtures/passwordless-owner' || ctx.method !== 'POST') return next();
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const { signedInMinutesAgo } = JSON.parse(Buffer.concat(chunks).toString() || '{}');
  const { bff } = browserBff;
  const make = fixtures(bff.database, 'no-password');
  const owner = await make.user('Pat Passwordless', { password: false });
  const org = await make.org({ name: 'Passwordless Ltd', members: [{ userId: owner.id, role: 'owner' }] });
  const signedInAt = new Date(bff.clock.now().getTime() - signedInMinutesAgo * 60_000);
  const token = `tok_${owner.id}_${signedInMinutesAgo}`;
  await bff.database.writer.db.insert(tables.session).values({
    id: `ses_${owner.id}`,
    token,
    userId: owner.id,
    expiresAt: new Date(signedInAt.getTime() + 86_400_000),
    createdAt: signedInAt,
    updatedAt: signedInAt,
  });
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ orgId: org.id, orgName: org.name, token });
}

export default {
  rootDir: '.',
  files: ['widget/**/*.test.ts'],
  hostname: '127.0.0.1',
  port,
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 1_800_000,
  // ODZ_GREP runs the tests whose names match; ODZ_TEST_CEILING_MS lowers the ceiling while debugging.
  testFramework: { config: { timeout: Number(process.env.ODZ_TEST_CEILING_MS ?? 120_000), grep: process.env.ODZ_GREP } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  middleware: [passwordlessOwner, browserBff.middleware],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs },
    }),
  ],
};
