/**
 * Who may reach `/api/orgs/:orgId/…`, checked before any handler runs (the id itself was checked
 * by the route's param validator):
 * - no credential is 401; an org API key or a management token on an endpoint that needs a user
 *   is 403 `user_session_required` (D1);
 * - then the policy's access decision (D6): a non-member or another org's key gets 404
 *   `org_not_found`, never a hint that the org exists; while the org is pending deletion, anyone but
 *   an owner gets 423 with `purgeAt` and the owners to ask.
 */
import type { Context, Next } from 'hono';
import { createMiddleware } from 'hono/factory';
import { decideAccess } from '../../shared/policy.js';
import type { AuditActor } from '../audit/audit.js';
import type { AppDeps } from '../deps.js';
import { refuse } from '../domain-error.js';
import type { ClientAddressResolver } from '../http/client-address.js';
import { clientInfo } from '../http/client-info.js';
import { readCredential, type Credential } from '../http/credentials.js';
import { findApiKeyOrg, type ApiKeyOrg } from '../orgs/api-keys.js';
import { ownerContacts } from '../orgs/contacts.js';
import { loadBySession, type LoadedOrg, type LoadedViewer, type ViewerSession } from '../orgs/load.js';
import type { RateLimitState } from '../rate-limit/rate-limit.js';

export interface SessionAccess {
  kind: 'session';
  session: ViewerSession;
  loaded: LoadedOrg;
  actor: AuditActor;
}
export type OrgAccess = SessionAccess | { kind: 'apiKey'; apiKey: ApiKeyOrg };

export interface OrgEnv {
  Variables: { access: OrgAccess; confirmationLimit?: RateLimitState };
}

export function sessionActor(session: ViewerSession, client: { ip: string | null; userAgent: string | null }): AuditActor {
  const impersonation = session.impersonatedBy ? ` impersonated by ${session.impersonatorLabel ?? session.impersonatedBy}` : '';
  return {
    userId: session.userId,
    label: `${session.name} <${session.email}>${impersonation}`,
    impersonatorUserId: session.impersonatedBy,
    ip: client.ip,
    userAgent: client.userAgent,
  };
}

/**
 * A member's access; the actor (with the client's IP) is only built when a handler audits something.
 * A class, not an object literal with a getter: built on every request, such a literal cost the
 * state endpoint a third of its in-process throughput (V8 makes each one a slow object; a class
 * keeps the getter on its prototype). `tsx bench/compare.ts` measures it.
 */
class MemberAccess implements SessionAccess {
  readonly kind = 'session';
  readonly session: ViewerSession;
  readonly loaded: LoadedOrg;
  readonly #context: Context;
  readonly #clientAddress: ClientAddressResolver;
  #actor: AuditActor | undefined;

  constructor(session: ViewerSession, loaded: LoadedOrg, context: Context, clientAddress: ClientAddressResolver) {
    this.session = session;
    this.loaded = loaded;
    this.#context = context;
    this.#clientAddress = clientAddress;
  }

  get actor(): AuditActor {
    return (this.#actor ??= sessionActor(this.session, clientInfo(this.#context, this.#clientAddress)));
  }
}

/**
 * D6's 423. A member is told which owners to ask; an API key is a program, and a leaked key must
 * not hand out the owners' names and emails: it gets the date only.
 */
async function refusePending(deps: AppDeps, orgId: string, purgeAt: Date | null, withContacts: boolean): Promise<never> {
  refuse('org_pending_deletion', {
    purgeAt: purgeAt?.toISOString(),
    // The server's clock, so the client can say "in 6 days" against the time the rules use.
    now: deps.clock.now().toISOString(),
    ...(withContacts ? { contacts: await ownerContacts(deps.database.reader.db, orgId) } : {}),
  });
}

/**
 * The signed-in user behind the request, whatever their relation to the org (null without a valid
 * session). A retry of a write is answered by who sent it, before the org's rules are read again:
 * a member whose leave went through is no longer a member when the retry comes.
 */
export async function sessionUserId(deps: AppDeps, c: Context, orgId: string): Promise<string | null> {
  const credential = await credentialOf(deps, c);
  if (credential.kind !== 'session') return null;
  const { session } = await loadBySession(deps.database.reader, deps.caches.sessions, deps.viewerQuery, credential.token, orgId);
  return session?.userId ?? null;
}

/** The request's credential; synchronous once better-auth's cookie settings have been read (the first request reads them). */
function credentialOf(deps: AppDeps, c: Context): Credential | Promise<Credential> {
  const config = deps.auth.sessionCookie();
  if (config instanceof Promise) return config.then((ready) => readCredential(c.req.raw.headers, ready, deps.caches.signatures));
  return readCredential(c.req.raw.headers, config, deps.caches.signatures);
}

export function orgAccess(deps: AppDeps, options: { allowApiKey: boolean }) {
  const admitApiKey = async (c: Context<OrgEnv>, next: Next, key: string, orgId: string) => {
    const apiKey = await findApiKeyOrg(deps.database.reader.db, key);
    if (!apiKey) refuse('unauthorized', { message: 'The API key is not valid.' });
    const access = decideAccess(apiKey.org.id === orgId ? apiKey.org : null, { kind: 'apiKey', orgId: apiKey.org.id });
    if (!access.allowed && access.code === 'org_pending_deletion') await refusePending(deps, orgId, apiKey.org.purgeAt, false);
    if (!access.allowed) refuse(access.code);
    c.set('access', { kind: 'apiKey', apiKey });
    return next();
  };

  const admitSession = (c: Context<OrgEnv>, next: Next, orgId: string, { session, org: loaded }: LoadedViewer) => {
    if (!session) refuse('unauthorized');
    const access = decideAccess(loaded?.org ?? null, { kind: 'member', role: loaded?.role ?? null });
    if (!access.allowed && access.code === 'org_pending_deletion') return refusePending(deps, orgId, loaded!.org.purgeAt, true);
    if (!access.allowed) refuse(access.code);
    c.set('access', new MemberAccess(session, loaded!, c, deps.clientAddress));
    return next();
  };

  const admit = (c: Context<OrgEnv>, next: Next, credential: Credential) => {
    const orgId = c.req.param('orgId') ?? '';
    if (credential.kind === 'apiKey' || credential.kind === 'managementToken') {
      if (credential.kind === 'managementToken' || !options.allowApiKey) refuse('user_session_required');
      return admitApiKey(c, next, credential.key, orgId);
    }
    if (credential.kind === 'none') refuse('unauthorized');
    const viewer = loadBySession(deps.database.reader, deps.caches.sessions, deps.viewerQuery, credential.token, orgId);
    return viewer instanceof Promise ? viewer.then((v) => admitSession(c, next, orgId, v)) : admitSession(c, next, orgId, viewer);
  };

  // Not async: a session whose answer is cached is admitted without a promise of our own (the
  // state endpoint's hot path; see loadBySession). A throw here is still the app's error answer.
  return createMiddleware<OrgEnv>((c, next) => {
    const credential = credentialOf(deps, c);
    return credential instanceof Promise ? credential.then((ready) => admit(c, next, ready)) : admit(c, next, credential);
  });
}

/** The session access of a route that only sessions reach (the middleware guarantees it). */
export function sessionAccessOf(access: OrgAccess): SessionAccess {
  if (access.kind !== 'session') refuse('user_session_required');
  return access;
}
