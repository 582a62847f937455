/**
 * better-auth's own client (`better-auth/client` with `organizationClient`), as a host's front end
 * uses it, against a BFF: tests make memberships through the product's front doors with it (sign up,
 * create an organization, invite, accept through the link in the invitation email).
 */
import { createAuthClient } from 'better-auth/client';
import { organizationClient } from 'better-auth/client/plugins';

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface UserClient {
  id: string;
  name: string;
  email: string;
  /** The session token (`Authorization: Bearer`), as better-auth's bearer plugin hands it out; the client sends whatever it is now. */
  token: string;
  client: ReturnType<typeof clientFor>;
}

function clientFor(baseURL: string, fetchImpl: Fetch, token: () => string) {
  return createAuthClient({
    baseURL: `${baseURL}/api/auth`,
    plugins: [organizationClient()],
    fetchOptions: { customFetchImpl: fetchImpl, auth: { type: 'Bearer', token } },
  });
}

export interface AuthClients {
  /** Signs a new user up (better-auth's sign-up signs them in too). */
  signUp(name: string, options?: { email?: string; password?: string }): Promise<UserClient>;
  /** Signs an existing user in. */
  signIn(email: string, password?: string): Promise<UserClient>;
  /** The owner creates an org; it becomes their active one. */
  createOrg(owner: UserClient, name: string): Promise<{ id: string; name: string; slug: string }>;
  /** The owner invites by email; returns the invitation's id. */
  invite(owner: UserClient, orgId: string, email: string, role?: 'member' | 'admin' | 'owner'): Promise<string>;
  /** The invitee accepts. */
  accept(user: UserClient, invitationId: string): Promise<void>;
}

export const TEST_PASSWORD = 'correct-horse-battery-staple';
let counter = 0;

async function unwrap<T>(
  label: string,
  result: { data: T | null; error: { status: number; message?: string | undefined; code?: string | undefined } | null },
): Promise<T> {
  if (result.error || result.data === null) throw new Error(`${label} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

export function authClients(baseURL: string, fetchImpl: Fetch): AuthClients {
  const session = (name: string, email: string, data: { token: string | null; user: { id: string } }): UserClient => {
    // The client reads the token from the object it returns: a test that renews the session
    // (better-auth does when two-factor is turned on) sets `token` and the client follows.
    const user: UserClient = { id: data.user.id, name, email, token: data.token ?? '', client: undefined as never };
    user.client = clientFor(baseURL, fetchImpl, () => user.token);
    return user;
  };
  return {
    async signUp(name, options = {}) {
      const email = options.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now().toString(36)}${counter++}@example.test`;
      const anonymous = clientFor(baseURL, fetchImpl, () => '');
      const data = await unwrap(`sign-up of ${email}`, await anonymous.signUp.email({ name, email, password: options.password ?? TEST_PASSWORD }));
      return session(name, email, data);
    },
    async signIn(email, password = TEST_PASSWORD) {
      const anonymous = clientFor(baseURL, fetchImpl, () => '');
      const data = await unwrap(`sign-in of ${email}`, await anonymous.signIn.email({ email, password }));
      return session(data.user.name, email, data);
    },
    async createOrg(owner, name) {
      const slug = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now().toString(36)}${counter++}`;
      const org = await unwrap(`creating ${name}`, await owner.client.organization.create({ name, slug }));
      return { id: org.id, name: org.name, slug: org.slug };
    },
    async invite(owner, orgId, email, role = 'member') {
      const invitation = await unwrap(`inviting ${email}`, await owner.client.organization.inviteMember({ organizationId: orgId, email, role }));
      return invitation.id;
    },
    async accept(user, invitationId) {
      await unwrap(`accepting ${invitationId}`, await user.client.organization.acceptInvitation({ invitationId }));
    },
  };
}
