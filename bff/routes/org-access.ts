/**
 * Who may reach `/api/orgs/:orgId/…`, checked before any handler runs:
 * - a malformed id is 400 `invalid_uri`; no credential is 401;
 * - an org API key or a management token on an endpoint that needs a user is 403
 *   `user_session_required` (D1); a key of another org is 404, as for a non-member;
 * - a non-member gets 404 `org_not_found`, never a hint that the org exists;
 * - while the org is pending deletion, anyone but an owner gets 423 with `purgeAt` (D6).
 */
import { createMiddleware } from 'hono/factory';
import { idPattern } from '../../shared/schemas.js';
import type { AuditActor } from '../audit/audit.js';
import { fail } from '../http/errors.js';
import { readCredential } from '../http/credentials.js';
import { clientInfo } from '../http/client-info.js';
import type { AppDeps, AppEnv } from '../http/env.js';
import { findApiKeyOrg, type ApiKeyOrg } from '../orgs/api-keys.js';
import { ownerContacts } from '../orgs/contacts.js';
import { loadBySession, type LoadedOrg, type ViewerSession } from '../orgs/load.js';
import type { RateLimitState } from '../rate-limit/rate-limit.js';

export type OrgAccess =
  | { kind: 'session'; session: ViewerSession; loaded: LoadedOrg; actor: AuditActor }
  | { kind: 'apiKey'; apiKey: ApiKeyOrg };

export interface OrgEnv extends AppEnv {
  Variables: { access: OrgAccess; confirmationLimit?: RateLimitState };
}

export function sessionActor(session: ViewerSession, client: { ip: string | null; userAgent: string | null }): AuditActor {
  return {
    userId: session.userId,
    label: `${session.name} <${session.email}>${session.impersonatedBy ? ` impersonated by ${session.impersonatorLabel ?? session.impersonatedBy}` : ''}`,
    impersonatorUserId: session.impersonatedBy,
    ip: client.ip,
    userAgent: client.userAgent,
  };
}

async function refusePending(deps: AppDeps, orgId: string, purgeAt: Date | null): Promise<never> {
  fail('org_pending_deletion', {
    purgeAt: purgeAt?.toISOString(),
    // The server's clock, so the client can say "in 6 days" against the time the rules use.
    now: deps.clock.now().toISOString(),
    contacts: await ownerContacts(deps.db, orgId),
  });
}

export function orgAccess(deps: AppDeps, options: { allowApiKey: boolean }) {
  return createMiddleware<OrgEnv>(async (c, next) => {
    const orgId = c.req.param('orgId') ?? '';
    if (!idPattern.test(orgId)) fail('invalid_uri');
    const cookieConfig = deps.sessionCookie();
    const credential = readCredential(c.req.raw.headers, cookieConfig instanceof Promise ? await cookieConfig : cookieConfig);

    if (credential.kind === 'apiKey' || credential.kind === 'managementToken') {
      if (credential.kind === 'managementToken' || !options.allowApiKey) fail('user_session_required');
      const apiKey = await findApiKeyOrg(deps.db, credential.key);
      if (!apiKey) fail('unauthorized', { message: 'The API key is not valid.' });
      if (apiKey.org.id !== orgId) fail('org_not_found');
      if (apiKey.org.status === 'pending_deletion') await refusePending(deps, orgId, apiKey.org.purgeAt);
      c.set('access', { kind: 'apiKey', apiKey });
      return next();
    }

    if (credential.kind === 'none') fail('unauthorized');
    const { session, org: loaded } = await loadBySession(deps.reader, credential.token, orgId);
    if (!session) fail('unauthorized');
    if (!loaded?.role) fail('org_not_found');
    if (loaded.org.status === 'pending_deletion' && loaded.role !== 'owner') {
      await refusePending(deps, orgId, loaded.org.purgeAt);
    }
    // The actor (with the client's IP) is only built when a handler audits something.
    let actor: AuditActor | undefined;
    c.set('access', {
      kind: 'session',
      session,
      loaded,
      get actor() {
        return (actor ??= sessionActor(session, clientInfo(c, deps.trustProxy)));
      },
    });
    return next();
  });
}

/** The session access of a route that only sessions reach (the middleware guarantees it). */
export function sessionAccessOf(access: OrgAccess) {
  if (access.kind !== 'session') fail('user_session_required');
  return access;
}
