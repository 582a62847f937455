/**
 * P1–P4: hard-deletes every org whose grace window has passed (and that no legal hold keeps).
 *
 * - Bounded batches: each batch deletes at most `batchSize` rows of one table in one short write
 *   transaction (one round trip on a remote server: the delete and the tally go as one batch), so
 *   other writers wait milliseconds, never the length of a whole purge.
 * - A lease (`purge_progress`): a runner claims an org under the write lock and renews the claim
 *   with every batch; another runner skips an org whose lease has not expired, and a batch whose
 *   lease was lost deletes nothing (its delete is conditioned on the lease). Two runners never purge
 *   the same org at once, and `org.deleted` is written once, by whoever deletes the org row.
 * - A runner that fails releases its lease at once (and gives the org back entirely if it removed
 *   nothing yet), so a runner that keeps failing never keeps the others off an org.
 * - Crash-safe at any point: every batch commits its deletions together with the running tally,
 *   so a runner that dies leaves a consistent prefix; the next runner takes over once the lease
 *   expires and carries on from the tally.
 * - A legal hold stops it: no claim while one stands, and a batch stops as soon as one is set.
 * - Users are never deleted; sessions that had the org active lose it (P3).
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { purgeDue } from '../../shared/policy.js';
import { platformAudit, systemActor } from '../audit/audit.js';
import { readBatch, rows, runBatch } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { isOwnerRole } from '../db/owner-role-sql.js';
import { purgeBatch } from '../db/purge-batch.js';
import { describeError } from '../log.js';
import { eventOrg, webhookEventStatements } from '../webhooks/events.js';
import {
  findUnregisteredRows,
  planHostTables,
  rowsFound,
  UnregisteredHostRows,
  unregisteredRowsQuery,
  type HostTable,
  type HostTablePlan,
  type UnregisteredRows,
} from './host-tables.js';

export { parseHostTable, type HostTable } from './host-tables.js';

export interface PurgeOptions {
  /** The server's clock (the demo moves it): decides which orgs are due. */
  now: Date;
  /** Who holds the lease, e.g. `host:pid:random`; unique per runner. */
  holder: string;
  /** How long a claim lasts without a batch renewing it (real time). */
  leaseMs?: number;
  batchSize?: number;
  /**
   * The database is the purge's own (its worker thread, the cron command): tune its connection for
   * bulk deletes and checkpoint the WAL between batches (a file; nothing to do on a remote server).
   */
  ownConnection?: boolean;
  /**
   * The host's own org-scoped tables, emptied first, in the same bounded batches and under the same
   * lease, each counted in `org.deleted` (a host table that references `organization` must go
   * before the org row, and before our members so the org stays owned to the end). Added to the
   * ones the app registered in the database (host-tables.ts), which every purge reads.
   */
  hostTables?: readonly HostTable[];
  /** The registration and the schema as read once for a whole run (purgeDueOrgs reads it). */
  hostTablePlan?: HostTablePlan;
  /** Record `org.deleted` as a webhook event (when an endpoint is configured). */
  webhookEvents?: boolean;
  /** Told when this runner starts (or takes over) an org's purge: the logs' `purge.started`. */
  onStarted?: (started: PurgeStarted) => void;
  /** Called after each committed batch; tests use it to stop a purge midway. */
  afterBatch?: (progress: { orgId: string; table: string; removed: number }) => void | Promise<void>;
}

export interface PurgeStarted {
  orgId: string;
  holder: string;
  /** Rows a crashed runner had already removed, when this one takes its lease over. */
  resumedAfter: number;
}

export interface PurgedOrg {
  orgId: string;
  name: string;
  removed: Record<string, number>;
  purgedAt: string;
  /** How this run went: for operators (it is in `org.deleted`) and the benchmarks. */
  stats: { batches: number; longestTransactionMs: number; durationMs: number };
}

export interface PurgeResult {
  purged: PurgedOrg[];
  /** Due orgs another runner holds right now, or that a legal hold stopped. */
  skipped: string[];
  /**
   * Orgs whose purge failed this time (their lease was released; the next run tries again), with
   * the rows found in tables the purge was not told about when that is why.
   */
  failed: { orgId: string; error: string; unregistered?: UnregisteredRows[] }[];
}

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_BATCH_SIZE = 1000;
const CHECKPOINT_EVERY_BATCHES = 16;

class LeaseLost extends Error {}
class HeldByLegalHold extends Error {}

/** Org-scoped tables (each with `organization_id`), children before parents; `member` last so the org stays "owned" to the end. */
const orgScopedTables = [
  'deletion_intent',
  'ownership_offer',
  'deletion_reminder',
  'org_audit_log',
  'outbox',
  'org_resource',
  'org_api_key',
  'invitation',
  'org_subscription',
  'org_credits',
  'member',
];

const SESSIONS_LET_GO = 'session (org unset)';

/**
 * Every step of an org's purge, in order: the host's tables, ours (children first, `member` last),
 * then the sessions that had it active let go of it. The purge runs them and the impact preview
 * counts them: one list, so what the preview says is what the purge does.
 */
export function purgeSteps(plan: HostTablePlan): (Step & { host: boolean })[] {
  return [
    ...plan.emptied.map(({ table, orgColumn }) => ({ tally: table, table, column: orgColumn, host: true })),
    ...orgScopedTables.map((table) => ({ tally: table, table, column: 'organization_id', host: false })),
    { tally: SESSIONS_LET_GO, table: 'session', column: 'active_organization_id', unset: true, host: false },
  ];
}

/** What a purge of one org would remove now (issue 21): rows per step, as `org.deleted` will count them. */
export interface PurgePreview {
  /** Our tables and better-auth's, `organization: 1` included; the sessions that would lose it as `session (org unset)`. */
  tables: Record<string, number>;
  /** The host's registered tables the purge empties. */
  hostTables: Record<string, number>;
  /** Rows in tables nobody registered: while there are any, the purge stops before removing anything. */
  unregistered: UnregisteredRows[];
}

/** Counts, in one read, every row the purge of `orgId` would remove; removes nothing. */
export async function previewPurge(database: Database, orgId: string, options: { hostTables?: readonly HostTable[] } = {}): Promise<PurgePreview> {
  const plan = await planHostTables(database, options.hostTables);
  const db = database.reader.db;
  const steps = purgeSteps(plan);
  const counts = await readBatch(
    db,
    steps.map((step) =>
      rows<{ n: number }>(db, sql`select cast(count(*) as integer) as n from ${sql.identifier(step.table)} where ${sql.identifier(step.column)} = ${orgId}`),
    ),
  );
  const preview: PurgePreview = { tables: {}, hostTables: {}, unregistered: await findUnregisteredRows(db, plan.unregistered, orgId) };
  steps.forEach((step, i) => {
    (step.host ? preview.hostTables : preview.tables)[step.tally] = Number(counts[i]?.[0]?.n ?? 0);
  });
  preview.tables.organization = 1;
  return preview;
}

export async function purgeDueOrgs(database: Database, options: PurgeOptions): Promise<PurgeResult> {
  const t = tablesOf(database.reader.db);
  const candidates = await database.reader.db
    .select({
      id: t.organization.id,
      status: t.organization.status,
      purgeAt: t.organization.purgeAt,
      legalHold: sql<number>`exists(select 1 from ${t.orgLegalHold} h where h.organization_id = ${t.organization.id})`,
    })
    .from(t.organization)
    .where(and(eq(t.organization.status, 'pending_deletion'), lte(t.organization.purgeAt, options.now)))
    .orderBy(asc(t.organization.purgeAt));
  const result: PurgeResult = { purged: [], skipped: [], failed: [] };
  if (candidates.length === 0) return result;
  if (options.ownConnection) await database.tuneForBulkDeletes();
  const hostTablePlan = options.hostTablePlan ?? (await planHostTables(database, options.hostTables));
  for (const org of candidates) {
    if (!purgeDue({ ...org, legalHold: Boolean(org.legalHold) }, options.now)) {
      result.skipped.push(org.id);
      continue;
    }
    try {
      const purged = await purgeOrg(database, org.id, { ...options, hostTablePlan });
      if (purged) result.purged.push(purged);
      else result.skipped.push(org.id);
    } catch (error) {
      if (error instanceof UnregisteredHostRows) result.failed.push({ orgId: org.id, error: error.message, unregistered: [...error.found] });
      else result.failed.push({ orgId: org.id, error: describeError(error) });
    }
  }
  return result;
}

/** Purges one due org, or returns null if it is not due, held, or another runner holds it. */
export async function purgeOrg(database: Database, orgId: string, options: PurgeOptions): Promise<PurgedOrg | null> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const plan = options.hostTablePlan ?? (await planHostTables(database, options.hostTables));
  // Before anything is removed: rows in a table nobody registered stop this org's purge whole.
  const found = await findUnregisteredRows(database.reader.db, plan.unregistered, orgId);
  if (found.length > 0) throw new UnregisteredHostRows(orgId, found);
  const removed = await claim(database, orgId, options.holder, leaseMs, options.now);
  if (!removed) return null;
  options.onStarted?.({ orgId, holder: options.holder, resumedAfter: Object.values(removed).reduce((a, b) => a + b, 0) });
  const stats = { batches: 0, longestTransactionMs: 0, startedAt: performance.now() };
  const lease = { orgId, holder: options.holder, leaseMs };
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      stats.batches++;
      stats.longestTransactionMs = Math.max(stats.longestTransactionMs, performance.now() - started);
    }
  };

  try {
    for (const step of purgeSteps(plan)) {
      const { tally } = step;
      for (;;) {
        const count = await timed(() => batch(database, lease, removed, step, batchSize));
        if (count > 0 && tally !== SESSIONS_LET_GO) await options.afterBatch?.({ orgId, table: tally, removed: count });
        if (options.ownConnection && stats.batches % CHECKPOINT_EVERY_BATCHES === 0) await database.checkpoint();
        if (count < batchSize) break;
      }
    }
    return await timed(() => finish(database, lease, removed, options.now, stats, options.webhookEvents ?? false, plan.unregistered));
  } catch (error) {
    if (error instanceof LeaseLost) return null;
    await release(database, lease, removed);
    if (error instanceof HeldByLegalHold) return null;
    throw error;
  }
}

/**
 * Takes the lease on a due org, or takes over an expired one (a crashed runner's), keeping its
 * tally. Returns the tally so far, or null when the org is not due, is held by a legal hold, or
 * another runner holds it. Decided under the write lock.
 */
async function claim(database: Database, orgId: string, holder: string, leaseMs: number, now: Date): Promise<Record<string, number> | null> {
  return database.writer.transaction(
    async (tx) => {
      const t = tablesOf(tx);
      const [orgs, progressRows, owners] = await readBatch(tx, [
        tx
          .select({
            slug: t.organization.slug,
            status: t.organization.status,
            purgeAt: t.organization.purgeAt,
            legalHold: sql<number>`exists(select 1 from ${t.orgLegalHold} h where h.organization_id = ${t.organization.id})`,
          })
          .from(t.organization)
          .where(eq(t.organization.id, orgId)),
        tx.select().from(t.purgeProgress).where(eq(t.purgeProgress.organizationId, orgId)),
        tx
          .select({ userId: t.member.userId })
          .from(t.member)
          .where(and(eq(t.member.organizationId, orgId), isOwnerRole(t.member.role))),
      ]);
      const [org] = orgs;
      if (!org || !purgeDue({ ...org, legalHold: Boolean(org.legalHold) }, now)) return null;
      const [progress] = progressRows;
      const leaseUntil = new Date(Date.now() + leaseMs);
      if (!progress) {
        // The slug's tombstone (issue 21) names the owners while they are still members; the last
        // transaction dates it. It reserves nothing while the org exists.
        const ownerUserIds = JSON.stringify(owners.map((o) => o.userId));
        await runBatch(tx, [
          tx.insert(t.purgeProgress).values({ organizationId: orgId, holder, leaseUntil, removed: '{}', startedAt: now }),
          tx
            .insert(t.releasedSlug)
            .values({ organizationId: orgId, slug: org.slug, purgedAt: now, ownerUserIds })
            .onConflictDoUpdate({ target: t.releasedSlug.organizationId, set: { slug: org.slug, ownerUserIds } }),
        ]);
        return {};
      }
      if (progress.holder !== holder && progress.leaseUntil.getTime() > Date.now()) return null;
      await tx.update(t.purgeProgress).set({ holder, leaseUntil }).where(eq(t.purgeProgress.organizationId, orgId));
      return JSON.parse(progress.removed) as Record<string, number>;
    },
    { org: orgId },
  );
}

interface Lease {
  orgId: string;
  holder: string;
  leaseMs: number;
}

/** One step of the purge: a table's rows of the org, deleted (or, with `unset`, let go of) a batch at a time. */
interface Step {
  tally: string;
  table: string;
  column: string;
  unset?: boolean;
}

/**
 * One batch (db/purge-batch.ts): at most `batchSize` rows, only while this runner holds the lease
 * and no legal hold stands; the tally and the lease's renewal commit with it, or nothing does.
 * Returns how many rows it removed.
 */
async function batch(database: Database, lease: Lease, removed: Record<string, number>, step: Step, batchSize: number): Promise<number> {
  const result = await purgeBatch(database.writer, {
    table: step.table,
    column: step.column,
    orgId: lease.orgId,
    unset: step.unset ?? false,
    limit: batchSize,
    lease: { holder: lease.holder, until: Date.now() + lease.leaseMs },
    tally: step.tally,
  });
  if (result.leaseLost) throw new LeaseLost();
  if (result.held) throw new HeldByLegalHold();
  const total = result.removed[step.tally] ?? 0;
  const count = total - (removed[step.tally] ?? 0);
  removed[step.tally] = total;
  return count;
}

/** Gives the lease up after a failure: at once, and the whole claim if nothing was removed yet. */
async function release(database: Database, lease: Lease, removed: Record<string, number>): Promise<void> {
  const t = tablesOf(database.writer.db);
  const mine = and(eq(t.purgeProgress.organizationId, lease.orgId), eq(t.purgeProgress.holder, lease.holder));
  const db = database.writer.db;
  const nothingRemoved = Object.values(removed).every((n) => n === 0);
  await (
    nothingRemoved
      ? db.delete(t.purgeProgress).where(mine)
      : db
          .update(t.purgeProgress)
          .set({ leaseUntil: new Date(0) })
          .where(mine)
  ).catch(
    () => undefined, // the lease then simply expires
  );
}

/** The last step: the org row, `org.deleted` in the platform log, and the lease, in one transaction. */
async function finish(
  database: Database,
  lease: Lease,
  removed: Record<string, number>,
  now: Date,
  run: { batches: number; longestTransactionMs: number; startedAt: number },
  webhookEvents: boolean,
  unregistered: HostTablePlan['unregistered'],
): Promise<PurgedOrg> {
  const stats = {
    batches: run.batches + 1,
    longestTransactionMs: Math.round(run.longestTransactionMs * 10) / 10,
    durationMs: Math.round(performance.now() - run.startedAt),
  };
  const { orgId, holder } = lease;
  return database.writer.transaction(
    async (tx) => {
      const t = tablesOf(tx);
      // A host row written into an unregistered table since the purge began is found here, under the lock.
      const unregisteredQuery =
        unregisteredRowsQuery(unregistered, orgId) ?? sql`select cast(null as text) as table_name, cast(null as text) as column_name, 0 as row_count`;
      const [progressRows, orgs, initiators, holds, unregisteredCounts] = await readBatch(tx, [
        tx
          .select()
          .from(t.purgeProgress)
          .where(and(eq(t.purgeProgress.organizationId, orgId), eq(t.purgeProgress.holder, holder))),
        tx.select().from(t.organization).where(eq(t.organization.id, orgId)),
        tx
          .select({ name: t.user.name, email: t.user.email })
          .from(t.user)
          .innerJoin(t.organization, eq(t.organization.deletionRequestedBy, t.user.id))
          .where(eq(t.organization.id, orgId)),
        tx.select({ id: t.orgLegalHold.organizationId }).from(t.orgLegalHold).where(eq(t.orgLegalHold.organizationId, orgId)),
        rows<{ table_name: string; column_name: string; row_count: number }>(tx, unregisteredQuery),
      ]);
      const [progress] = progressRows;
      const [org] = orgs;
      if (!progress || !org) throw new LeaseLost();
      if (holds.length > 0) throw new HeldByLegalHold();
      const found = rowsFound(unregistered, unregisteredCounts);
      if (found.length > 0) throw new UnregisteredHostRows(orgId, found);
      const [initiator] = initiators;
      const final = { ...removed, organization: 1 };
      await runBatch(tx, [
        tx.delete(t.organization).where(eq(t.organization.id, orgId)),
        tx.update(t.releasedSlug).set({ slug: org.slug, purgedAt: now }).where(eq(t.releasedSlug.organizationId, orgId)),
        platformAudit(
          tx,
          { id: orgId, name: org.name },
          systemActor,
          {
            action: 'org.deleted',
            target: { type: 'organization', id: orgId },
            details: {
              removed: final,
              initiatedBy: org.deletionRequestedBy,
              initiatedByLabel: initiator ? `${initiator.name} <${initiator.email}>` : null,
              initiatedAt: org.deletionRequestedAt?.toISOString() ?? null,
              purgeAt: org.purgeAt?.toISOString() ?? null,
              purgedAt: now.toISOString(),
              purgeStartedAt: progress.startedAt.toISOString(),
              run: stats,
            },
          },
          now,
        ),
        tx.delete(t.purgeProgress).where(eq(t.purgeProgress.organizationId, orgId)),
        ...webhookEventStatements(tx, webhookEvents, {
          type: 'org.deleted',
          orgId,
          data: {
            organization: eventOrg(org),
            removed: final,
            requestedBy: org.deletionRequestedBy,
            requestedAt: org.deletionRequestedAt?.toISOString() ?? null,
            purgedAt: now.toISOString(),
          },
          at: now,
        }),
      ]);
      return { orgId, name: org.name, removed: final, purgedAt: now.toISOString(), stats };
    },
    { org: orgId },
  );
}
