/**
 * How an example host app signs a user in and hands a bearer token to the widget through
 * `getToken`: better-auth's own sign-in answers the session token, kept for this tab only.
 */
const KEY = 'odz-example-token';

export interface Org {
  id: string;
  name: string;
}

export async function signIn(email: string, password: string): Promise<string> {
  const res = await fetch('/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'omit',
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json().catch(() => null)) as { token?: string; message?: string; error?: { message?: string } } | null;
  if (!res.ok || !body?.token) throw new Error(body?.error?.message ?? body?.message ?? `Sign-in failed (${res.status})`);
  sessionStorage.setItem(KEY, body.token);
  return body.token;
}

export const storedToken = () => sessionStorage.getItem(KEY);

/** What the widget calls before each request. */
export const getToken = async () => storedToken();

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

export async function listOrgs(token: string): Promise<Org[]> {
  const res = await fetch('/api/auth/organization/list', { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' });
  return res.ok ? ((await res.json()) as Org[]) : [];
}

export const orgFromQuery = () => new URLSearchParams(location.search).get('org') ?? '';
