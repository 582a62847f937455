/**
 * `tsx bench/compare.ts <another checkout>`: the state endpoint against a bare /ping, in that
 * checkout (e.g. a worktree of an older commit, with its node_modules) and in this one, in
 * alternating rounds, so the machine's swings hit both alike. Prints each round and the ratios.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/server-process.js';

async function start(cwd: string) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'odz-ab-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], {
    cwd,
    env: { ...process.env, DEMO: '1', HOST: '127.0.0.1', PORT: String(port), PURGE_INTERVAL_SECONDS: '0', DATABASE_URL: `file:${join(dir, 'b.db')}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve) => {
    child.stdout!.on('data', (c) => {
      out += c;
      if (/listening/.test(out)) resolve();
    });
    child.stderr!.on('data', (c) => (out += c));
  });
  const url = `http://127.0.0.1:${port}`;
  const dirRes = (await (await fetch(`${url}/api/demo/directory`)).json()) as { orgs: { id: string; slug: string }[] };
  const org = dirRes.orgs.find((o) => o.slug === 'globex-partners')!.id;
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'grace@example.com', password: 'danger-zone-demo' }),
  });
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  return { url, org, cookie, stop: () => child.kill('SIGTERM') };
}
const run = (url: string, headers: Record<string, string>, duration = 8) =>
  new Promise<number>((resolve) => autocannon({ url, headers, connections: 50, duration }, (_e, r) => resolve(r.requests.average)));
const other = process.argv[2];
if (!other) throw new Error('usage: tsx bench/compare.ts <another checkout of this project, with its node_modules>');
const before = await start(other);
const after = await start(process.cwd());
for (const s of [before, after]) await run(`${s.url}/api/orgs/${s.org}/danger-zone`, { cookie: s.cookie }, 2);
const ratios: Record<string, number[]> = { before: [], after: [] };
for (let i = 0; i < 3; i++) {
  for (const [name, s] of [
    ['before', before],
    ['after', after],
  ] as const) {
    const ping = await run(`${s.url}/ping`, {});
    const state = await run(`${s.url}/api/orgs/${s.org}/danger-zone`, { cookie: s.cookie });
    ratios[name]!.push(Math.round((state / ping) * 100) / 100);
    console.log(name, Math.round(state), Math.round(ping), (state / ping).toFixed(2));
  }
}
console.log(JSON.stringify(ratios));
before.stop();
after.stop();
