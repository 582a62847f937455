/**
 * Everything a user endpoint needs to decide, read in ONE query: the viewer's session and user,
 * the org, the viewer's role in it, and the counts the policy and the impact panel use.
 *
 * One round trip matters here: on an embedded database every query blocks the event loop, and the
 * state endpoint is the hot path of every page that embeds the widget (TOOLCHAIN.md measured three
 * separate queries at 0.17 × bare Hono's throughput against 0.6 × for one).
 *
 * The same select runs inside the write transactions (keyed by user id instead of session token),
 * so a write re-reads the facts under the write lock and decides with the same policy functions.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { rows } from '../db/batch.js';
import type { Db } from '../db/database.js';
import { isOwnerRole, isOwnerWhoCanAct } from '../db/owner-role-sql.js';
import type { Reader } from '../db/reader.js';
import { sqlFor, type SqlDialect } from '../db/sql-dialect.js';
import { effectiveRole, stepUpMethodsFor, type HostStepUp, type OrgFacts, type OrgStatus, type Role, type StepUpMethod } from '../../shared/policy.js';
import type { Person } from '../../shared/schemas.js';

export interface ViewerSession {
  sessionId: string;
  userId: string;
  name: string;
  email: string;
  createdAt: Date;
  /** The platform admin's user id when this session is an impersonation. */
  impersonatedBy: string | null;
  /** "Name <email>" of that admin, for the audit log. */
  impersonatorLabel: string | null;
  hasPassword: boolean;
  /** better-auth's two-factor plugin is on for this user (false when the host has no such plugin). */
  twoFactorEnabled: boolean;
  /** How this viewer may confirm it is them (D4), in order of preference. */
  stepUp: StepUpMethod[];
}

export interface OrgRecord {
  id: string;
  name: string;
  slug: string;
  status: OrgStatus;
  purgeAt: Date | null;
  deletionRequestedAt: Date | null;
  deletionRequestedBy: Person | null;
}

export interface Impact {
  members: number;
  owners: number;
  activeResources: number;
  apiKeys: number;
  invitations: number;
  creditsRemaining: number;
  subscription: { status: string; renewsAt: string | null } | null;
}

export interface Successor extends Person {
  role: Role;
}

/** The facts the database holds; the deployment's switch and the host's own facts are added per request. */
export type StoredFacts = Omit<OrgFacts, 'deletionDisabled' | 'hostBlockers' | 'hostWarnings'>;

export interface LoadedOrg {
  org: OrgRecord;
  /** null when the viewer is not a member: the endpoint answers 404 as if the org did not exist. */
  role: Role | null;
  facts: StoredFacts;
  impact: Impact;
  /** Other members, admins first; only for owners (the hand-off picker), at most 500. */
  successors: Successor[];
  /** Ownership offers waiting for an answer that the viewer made or was made (expired ones too: they expire on the app's clock, see state.ts). */
  offers: PendingOffer[];
}

export interface PendingOffer {
  offerId: string;
  from: Person;
  to: Person;
  leaveAfter: boolean;
  expiresAt: Date;
}

export interface LoadedViewer {
  session: ViewerSession | null;
  org: LoadedOrg | null;
}

const SUCCESSOR_LIMIT = 500;

export interface Row {
  session_id: string | null;
  session_expires_at: number | null;
  user_id: string;
  user_name: string | null;
  user_email: string | null;
  session_created_at: number | null;
  impersonated_by: string | null;
  impersonator_label: string | null;
  has_password: number | boolean;
  two_factor_enabled: number | boolean | null;
  org_id: string | null;
  org_name: string;
  org_slug: string;
  org_status: OrgStatus;
  purge_at: number | null;
  deletion_requested_at: number | null;
  requested_by: string | null;
  viewer_role: string | null;
  members: number;
  owners: number;
  active_resources: number;
  api_keys: number;
  invitations: number;
  credits: number | string | null;
  subscription: string | null;
  successors: string | null;
  offers: string | null;
  purge_started: number | boolean;
  legal_hold: number | boolean;
}

/**
 * The whole read as one statement. Written once for every engine: identifiers double-quoted
 * ("user" is reserved on PostgreSQL), counts cast, better-auth's timestamps read as epoch
 * milliseconds and JSON built through `sqlFor` (sql-dialect.ts).
 */
function selectFor(d: SqlDialect, viewer: SQL, orgId: SQLWrapper | string, now: SQLWrapper | number): SQL {
  const count = (from: SQL) => sql`(select cast(count(*) as integer) from ${from})`;
  return sql`
    with v as (${viewer})
    select
      v.session_id, v.session_expires_at, v.user_id, v.user_name, v.user_email, v.session_created_at, v.impersonated_by,
      v.two_factor_enabled,
      (select imp.name || ' <' || imp.email || '>' from "user" imp where imp.id = v.impersonated_by) as impersonator_label,
      exists(select 1 from account a where a.user_id = v.user_id and a.provider_id = 'credential'
             and a.password is not null) as has_password,
      o.id as org_id, o.name as org_name, o.slug as org_slug, o.status as org_status,
      ${d.epochMs(sql`o.purge_at`)} as purge_at, ${d.epochMs(sql`o.deletion_requested_at`)} as deletion_requested_at,
      (select ${d.jsonObject({ userId: sql`ru.id`, name: sql`ru.name`, email: sql`ru.email` })}
         from "user" ru where ru.id = o.deletion_requested_by) as requested_by,
      vm.role as viewer_role,
      exists(select 1 from purge_progress p where p.organization_id = o.id) as purge_started,
      exists(select 1 from org_legal_hold h where h.organization_id = o.id) as legal_hold,
      ${count(sql`member m where m.organization_id = o.id`)} as members,
      ${count(sql`member m where m.organization_id = o.id and ${isOwnerWhoCanAct(d, { role: sql`m.role`, userId: sql`m.user_id` }, now)}`)} as owners,
      ${count(sql`org_resource r where r.organization_id = o.id and r.status = 'active'`)} as active_resources,
      ${count(sql`org_api_key k where k.organization_id = o.id`)} as api_keys,
      ${count(sql`invitation i where i.organization_id = o.id and i.status = 'pending'`)} as invitations,
      (select c.balance from org_credits c where c.organization_id = o.id) as credits,
      (select ${d.jsonObject({ status: sql`sub.status`, renewsAt: sql`sub.renews_at` })}
         from org_subscription sub where sub.organization_id = o.id) as subscription,
      case when vm.role is not null and ${isOwnerRole(sql`vm.role`)} then (
        select ${d.jsonArrayOfObjects({ userId: sql`s.user_id`, name: sql`s.name`, email: sql`s.email`, role: sql`s.role` })}
        from (
          select m.user_id, u.name, u.email, m.role
          from member m join "user" u on u.id = m.user_id
          where m.organization_id = o.id and m.user_id <> v.user_id
          order by case when ${isOwnerRole(sql`m.role`)} then 0 when m.role like '%admin%' then 1 else 2 end, u.name
          limit ${SUCCESSOR_LIMIT}
        ) s
      ) end as successors,
      (select ${d.jsonArrayOfObjects({
        offerId: sql`oo.id`,
        fromUserId: sql`oo.from_user_id`,
        fromName: sql`fu.name`,
        fromEmail: sql`fu.email`,
        toUserId: sql`oo.to_user_id`,
        toName: sql`tu.name`,
        toEmail: sql`tu.email`,
        leaveAfter: sql`oo.leave_after`,
        expiresAt: sql`oo.expires_at`,
      })}
       from ownership_offer oo join "user" fu on fu.id = oo.from_user_id join "user" tu on tu.id = oo.to_user_id
       where oo.organization_id = o.id and oo.status = 'pending'
         and (oo.to_user_id = v.user_id or oo.from_user_id = v.user_id)) as offers
    from v
    left join organization o on o.id = ${orgId}
    left join member vm on vm.organization_id = o.id and vm.user_id = v.user_id`;
}

/**
 * What one app's state query reads beyond the org: the step-up facts its host's better-auth can
 * have. `user.two_factor_enabled` exists only where the two-factor plugin is installed, so it is
 * read only there.
 */
export interface ViewerQuery {
  stepUp: HostStepUp;
}

/** The state query, built once per engine and plugin set: it runs as a prepared statement on the hot path. */
const bySessionQueries = new WeakMap<SqlDialect, Map<boolean, SQL>>();
function bySession(d: SqlDialect, twoFactor: boolean): SQL {
  let queries = bySessionQueries.get(d);
  if (!queries) bySessionQueries.set(d, (queries = new Map()));
  let query = queries.get(twoFactor);
  if (!query) {
    const now = sql.placeholder('now');
    const twoFactorEnabled = twoFactor ? sql`(u.two_factor_enabled is true)` : sql`cast(null as boolean)`;
    query = selectFor(
      d,
      sql`
      select s.id as session_id, ${d.epochMs(sql`s.expires_at`)} as session_expires_at, s.user_id, u.name as user_name,
             u.email as user_email, ${d.epochMs(sql`s.created_at`)} as session_created_at, s.impersonated_by,
             ${twoFactorEnabled} as two_factor_enabled
      from session s join "user" u on u.id = s.user_id
      where s.token = ${sql.placeholder('token')} and ${d.epochMs(sql`s.expires_at`)} > ${now}
        and not (u.banned is true and (u.ban_expires is null or ${d.epochMs(sql`u.ban_expires`)} > ${now}))`,
      sql.placeholder('orgId'),
      now,
    );
    queries.set(twoFactor, query);
  }
  return query;
}

/**
 * Answers for the same session and org while nothing in the database has changed: the state
 * endpoint is read far more often than anything is written. A hit needs the reader's data_version
 * to be the one the answer was read under (any commit, by any process, changes it) and the session
 * to be unexpired; only found sessions of members are kept, so nothing is cached that a later
 * moment could turn from "no" into "yes". Bounded; the oldest entries go first. One per app
 * instance: two apps in one process never share answers.
 */
export class SessionOrgCache {
  readonly #entries = new Map<string, { version: number; until: number; value: LoadedViewer }>();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  get(key: string, version: number, now: number): LoadedViewer | undefined {
    const hit = this.#entries.get(key);
    return hit && hit.version === version && hit.until > now ? hit.value : undefined;
  }

  set(key: string, version: number, until: number, value: LoadedViewer): void {
    if (this.#entries.size >= this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { version, until, value });
  }
}

/**
 * The viewer behind a session token, and the org as that viewer sees it: one query, one round trip.
 * A cached answer comes back synchronously: the state endpoint is the hot path, and every promise
 * costs there (better-auth's AsyncLocalStorage turns on Node's promise hooks for the process).
 */
export function loadBySession(
  reader: Reader,
  cache: SessionOrgCache,
  query: ViewerQuery,
  sessionToken: string,
  orgId: string,
): LoadedViewer | Promise<LoadedViewer> {
  // Session expiry and bans are better-auth's, so they run on real time, not the demo clock.
  const now = Date.now();
  const version = reader.dataVersion?.();
  const key = `${orgId}\u0000${sessionToken}`;
  if (version !== undefined) {
    const hit = cache.get(key, version, now);
    if (hit) return hit;
  }
  return reader.prepared<Row>(bySession(sqlFor(reader.db), query.stepUp.twoFactor), { token: sessionToken, now, orgId }).then(([row]) => {
    if (!row?.session_id) return { session: null, org: null };
    const value = { session: toSession(row, query.stepUp), org: toOrg(row) };
    if (version !== undefined && value.org?.role) cache.set(key, version, row.session_expires_at ?? 0, value);
    return value;
  });
}

/**
 * The org as a given user sees it (their role is null if they are not a member, or if `userId` is
 * null: a platform operator), as a query a write transaction puts in its first batch, so it reads
 * the facts under the write lock in the same round trip as BEGIN. `loadedFrom` reads its answer.
 */
export function factsQuery(db: Db, userId: string | null, orgId: string) {
  // Typed nulls and a text user id: PostgreSQL infers no type for a bare null or parameter in a select list.
  const viewer = sql`select cast(null as text) as session_id, cast(null as bigint) as session_expires_at, cast(${userId} as text) as user_id,
    cast(null as text) as user_name, cast(null as text) as user_email, cast(null as bigint) as session_created_at, cast(null as text) as impersonated_by,
    cast(null as boolean) as two_factor_enabled`;
  // Bans and departures run on real time, like the database's own owner guard.
  return rows<Row>(db, selectFor(sqlFor(db), viewer, orgId, Date.now()));
}

export function loadedFrom(rows: readonly Row[]): LoadedOrg | null {
  const [row] = rows;
  return row ? toOrg(row) : null;
}

function toSession(row: Row, host: HostStepUp): ViewerSession {
  const hasPassword = Boolean(row.has_password);
  const twoFactorEnabled = Boolean(row.two_factor_enabled);
  return {
    sessionId: row.session_id!,
    userId: row.user_id,
    name: row.user_name ?? '',
    email: row.user_email ?? '',
    createdAt: new Date(row.session_created_at ?? 0),
    impersonatedBy: row.impersonated_by,
    impersonatorLabel: row.impersonator_label,
    hasPassword,
    twoFactorEnabled,
    // Passkeys are not read yet: the step-up cannot verify an assertion (see docs/http-api.md).
    stepUp: stepUpMethodsFor(host, { hasPassword, twoFactorEnabled, hasPasskey: false }),
  };
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function toOrg(row: Row): LoadedOrg | null {
  if (!row.org_id) return null;
  const role = row.viewer_role === null ? null : effectiveRole(row.viewer_role);
  const subscription = row.subscription ? (JSON.parse(row.subscription) as { status: string; renewsAt: number | null }) : null;
  // A bigint on PostgreSQL comes back as a string (it may exceed 2^53 there; credits do not).
  const creditsRemaining = row.credits === null ? 0 : Number(row.credits);
  return {
    org: {
      id: row.org_id,
      name: row.org_name,
      slug: row.org_slug,
      status: row.org_status,
      purgeAt: date(row.purge_at),
      deletionRequestedAt: date(row.deletion_requested_at),
      deletionRequestedBy: row.requested_by ? (JSON.parse(row.requested_by) as Person) : null,
    },
    role,
    facts: {
      status: row.org_status,
      members: row.members,
      owners: row.owners,
      activeResources: row.active_resources,
      creditsRemaining,
      subscriptionActive: subscription?.status === 'active',
      purgeStarted: Boolean(row.purge_started),
      legalHold: Boolean(row.legal_hold),
    },
    impact: {
      members: row.members,
      owners: row.owners,
      activeResources: row.active_resources,
      apiKeys: row.api_keys,
      invitations: row.invitations,
      creditsRemaining,
      subscription: subscription && {
        status: subscription.status,
        renewsAt: subscription.renewsAt === null ? null : new Date(subscription.renewsAt).toISOString(),
      },
    },
    offers: pendingOffers(row.offers),
    successors: row.successors
      ? (JSON.parse(row.successors) as (Person & { role: string })[]).map((s) => ({
          ...s,
          role: effectiveRole(s.role),
        }))
      : [],
  };
}

interface OfferRow {
  offerId: string;
  fromUserId: string;
  fromName: string;
  fromEmail: string;
  toUserId: string;
  toName: string;
  toEmail: string;
  leaveAfter: number | boolean;
  expiresAt: number;
}

function pendingOffers(json: string | null): PendingOffer[] {
  // An empty aggregate is `[null…]`-free on both engines but may be null (PostgreSQL) or `[]` (SQLite).
  const rows = json ? (JSON.parse(json) as (OfferRow | null)[]) : [];
  return rows.flatMap((o) =>
    o && o.offerId
      ? [
          {
            offerId: o.offerId,
            from: { userId: o.fromUserId, name: o.fromName, email: o.fromEmail },
            to: { userId: o.toUserId, name: o.toName, email: o.toEmail },
            leaveAfter: Boolean(o.leaveAfter),
            expiresAt: new Date(Number(o.expiresAt)),
          },
        ]
      : [],
  );
}
