/**
 * Issue 18.6: a production start (no DEMO) refuses the publicly documented demo secrets and any
 * secret shorter than 32 characters, with a message naming the variable; it never listens. And a
 * start that does listen never writes the database's secret (libSQL's `authToken` in the URL) into
 * its log.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET } from '../../bff/config.js';
import { DEMO_WEBHOOK_SECRET } from '../../bff/runtime.js';
import { startHranaServer } from '../helpers/hrana/server.js';
import { freePort } from '../helpers/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'odz-production-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the server entry and waits for it to exit (or to say it listens, which fails the test). */
async function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bff/server.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(await freePort()), DATABASE_URL: `file:${join(dir, 'p.db')}`, DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (/listening on/.test(output)) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

describe('a production start', () => {
  it('refuses the demo secret as BETTER_AUTH_SECRET', async () => {
    const { code, output } = await start({ BETTER_AUTH_SECRET: DEMO_SECRET });
    expect(output).not.toMatch(/listening on/);
    expect(code).not.toBe(0);
    expect(output).toMatch(/BETTER_AUTH_SECRET: .*demo/i);
  });

  it('refuses a secret shorter than 32 characters', async () => {
    const { code, output } = await start({ BETTER_AUTH_SECRET: 'short-secret-0123456789' });
    expect([code === 0, /listening on/.test(output)]).toEqual([false, false]);
    expect(output).toMatch(/BETTER_AUTH_SECRET: must be at least 32 characters/);
  });

  it('refuses the demo webhook secret', async () => {
    const { code, output } = await start({
      BETTER_AUTH_SECRET: 'a-real-secret-a-real-secret-a-real-secret-01',
      WEBHOOK_URLS: 'https://hooks.example.test/odz',
      WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
    });
    expect([code === 0, /listening on/.test(output)]).toEqual([false, false]);
    expect(output).toMatch(/WEBHOOK_SECRET: .*demo/i);
  });

  it("never logs the database's auth token given in DATABASE_URL (libSQL reads it from there too)", async () => {
    const token = 'hrana-auth-token-that-must-stay-secret-0123';
    const hrana = await startHranaServer({ path: join(dir, 'remote.db'), authToken: token });
    try {
      const url = new URL(hrana.url);
      url.searchParams.set('authToken', token);
      const { output } = await start({ BETTER_AUTH_SECRET: 'a-real-secret-a-real-secret-a-real-secret-01', DATABASE_URL: url.toString() });
      expect(output).toMatch(/listening on/);
      expect(output).not.toContain(token);
    } finally {
      await hrana.close();
    }
  });
});
