/**
 * The bench's way into a demo server (DEMO=1): a seeded user's session cookie, through
 * better-auth's own sign-in, and the seeded orgs' ids by slug.
 */
import { DEMO_PASSWORD } from '../bff/demo/data-set.js';

export async function signInCookie(server: { url: string }, email: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, token: ((await res.json()) as { token: string }).token };
}

/** The seeded orgs' ids, by slug (`globex-partners`, `hooli-xyz`, …). */
export async function orgIds(server: { url: string }): Promise<Record<string, string>> {
  const directory = (await (await fetch(`${server.url}/api/demo/directory`)).json()) as { orgs: { id: string; slug: string }[] };
  return Object.fromEntries(directory.orgs.map((o) => [o.slug, o.id]));
}
