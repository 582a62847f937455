/**
 * What the routes and the domain are built from, one set per app instance: the database's writer
 * and reader, the bridge to better-auth, the clock, the rule settings, the host's hooks, and the
 * caches (which belong to this instance and its database, never to the module: two apps in one
 * process share nothing).
 */
import type { StepUpVerifier } from './auth/step-up.js';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import type { ClientAddressResolver } from './http/client-address.js';
import type { SessionCookieConfig } from './http/credentials.js';
import type { HostMessages } from '../shared/messages.js';
import { VerifiedSignatures } from './http/credentials.js';
import { completeFacts, extraFacts, type ExtraFacts, type HostFactsHook } from './orgs/facts.js';
import { SessionOrgCache, type LoadedOrg, type ViewerQuery } from './orgs/load.js';
import { StateJsonCache } from './orgs/state.js';
import type { MailRenderer } from './mail/templates.js';
import type { Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import type { Settings } from './settings.js';
import type { OrgFacts } from '../shared/policy.js';

/** The two things the BFF asks of better-auth's context, read once. */
export interface AuthBridge {
  /** better-auth's session cookie name and secret: a promise only the first time. */
  sessionCookie(): SessionCookieConfig | Promise<SessionCookieConfig>;
  /** better-auth's own password check, so the hash format is always better-auth's. */
  verifyPassword(hash: string, password: string): Promise<boolean>;
  /** better-auth's own checks of the other step-up methods (two-factor, email OTP). */
  stepUp: StepUpVerifier;
}

export interface AppDeps {
  database: Database;
  auth: AuthBridge;
  clock: Clock;
  settings: Settings;
  hostFacts?: HostFactsHook | undefined;
  /** The client's address from the socket and `X-Forwarded-For`, past the trusted proxies (`TRUST_PROXY`). */
  clientAddress: ClientAddressResolver;
  /** Lifecycle events, one JSON line each unless the host gives its own logger. */
  logger: Logger;
  metrics: Metrics | undefined;
  /** The emails, in each recipient's locale: the host's templates, else English. */
  mail: MailRenderer;
  /** The state query for this app's better-auth (the step-up facts its plugins can have). */
  viewerQuery: ViewerQuery;
  /** The host's wording for codes, in error bodies and the state's notices. */
  messages?: HostMessages | undefined;
  caches: {
    sessions: SessionOrgCache;
    stateJson: StateJsonCache;
    signatures: VerifiedSignatures;
    /** Complete facts per loaded org when no host hook adds to them (they then change only with the database). */
    facts: WeakMap<LoadedOrg, CompleteFacts>;
  };
}

export function newCaches(): AppDeps['caches'] {
  return { sessions: new SessionOrgCache(), stateJson: new StateJsonCache(), signatures: new VerifiedSignatures(), facts: new WeakMap() };
}

export interface CompleteFacts {
  facts: OrgFacts;
  extra: ExtraFacts;
}

/**
 * The facts a decision about deleting this org is made on: stored, the deployment's and the
 * host's. Synchronous without a host hook, so the state endpoint's hot path makes no promise.
 */
export function factsFor(deps: AppDeps, loaded: LoadedOrg): CompleteFacts | Promise<CompleteFacts> {
  const known = deps.caches.facts.get(loaded);
  if (known) return known;
  const extra = extraFacts({ deletionDisabled: deps.settings.deletionDisabled, hostFacts: deps.hostFacts, reader: deps.database.reader }, loaded.org);
  const complete = (e: ExtraFacts) => ({ facts: completeFacts(loaded.facts, e), extra: e });
  if (extra instanceof Promise) return extra.then(complete);
  const result = complete(extra);
  deps.caches.facts.set(loaded, result);
  return result;
}
