/**
 * Bulk rows for the purge benchmark and the crash test, spread over the org-scoped tables roughly
 * as a real org's would be: mostly resources and audit entries, then mail, members, invitations
 * and keys.
 */
import { sql } from 'drizzle-orm';
import { rows as run } from '../../bff/db/batch.js';
import type { Database, Db } from '../../bff/db/database.js';
import { engineOf } from '../../bff/db/handle.js';
import { newId } from '../../bff/ids.js';

export const mix = {
  org_resource: 0.45,
  org_audit_log: 0.4,
  outbox: 0.08,
  member: 0.03,
  invitation: 0.02,
  org_api_key: 0.02,
} as const;

const CHUNK = 500;

async function insertRows(db: Db, table: string, columns: string[], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = sql.join(
      chunk.map(
        (row) =>
          sql`(${sql.join(
            row.map((v) => sql`${v}`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    await run(db, sql`insert into ${sql.identifier(table)} (${sql.raw(columns.join(', '))}) values ${values}`);
  }
}

/** An org with `size` org-scoped rows, in one transaction; pending and due when `due` is set. */
export async function seedBulkOrg(database: Pick<Database, 'writer'>, name: string, size: number, due: boolean): Promise<string> {
  const orgId = newId('org');
  const now = Date.now();
  // better-auth's times: epoch milliseconds on SQLite, a timestamp on PostgreSQL (our own tables hold milliseconds on both).
  const at = (ms: number) => (engineOf(database.writer.db) === 'postgres' ? new Date(ms).toISOString() : ms);
  const n = (k: keyof typeof mix) => Math.round(size * mix[k]);
  await database.writer.transaction(async (t) => {
    await run(
      t,
      sql`insert into organization (id, name, slug, created_at, status, purge_at, deletion_requested_at)
      values (${orgId}, ${name}, ${orgId.toLowerCase()}, ${at(now)}, ${due ? 'pending_deletion' : 'active'}, ${due ? at(now - 1000) : null}, ${due ? at(now - 1000) : null})`,
    );
    const users = Array.from({ length: n('member') }, (_, i) => [newId('usr'), `${name} ${i}`, `${orgId.toLowerCase()}.${i}@bench.test`, at(now), at(now)]);
    await insertRows(t, 'user', ['id', 'name', 'email', 'created_at', 'updated_at'], users);
    await insertRows(
      t,
      'member',
      ['id', 'organization_id', 'user_id', 'role', 'created_at'],
      users.map((u, i) => [newId('mem'), orgId, u[0], i === 0 ? 'owner' : 'member', at(now)]),
    );
    await insertRows(
      t,
      'org_resource',
      ['id', 'organization_id', 'kind', 'name', 'status', 'created_at'],
      Array.from({ length: n('org_resource') }, (_, i) => [newId('res'), orgId, 'camera', `Camera ${i}`, 'decommissioned', now]),
    );
    await insertRows(
      t,
      'org_audit_log',
      ['organization_id', 'at', 'action', 'target_type', 'target_id', 'outcome', 'details'],
      Array.from({ length: n('org_audit_log') }, (_, i) => [orgId, now, 'member.left', 'user', `usr_${i}`, 'success', '{"role":"member"}']),
    );
    await insertRows(
      t,
      'outbox',
      ['id', 'organization_id', 'event', 'to_email', 'to_name', 'subject', 'text', 'created_at', 'next_attempt_at', 'sent_at'],
      Array.from({ length: n('outbox') }, (_, i) => [
        newId('msg'),
        orgId,
        'org.deletion_initiated',
        `${i}@bench.test`,
        'Someone',
        'Subject',
        'Body text of an email.',
        now,
        now,
        now,
      ]),
    );
    await insertRows(
      t,
      'invitation',
      ['id', 'organization_id', 'email', 'role', 'status', 'expires_at', 'created_at', 'inviter_id'],
      Array.from({ length: n('invitation') }, (_, i) => [newId('inv'), orgId, `${i}@invite.test`, 'member', 'pending', at(now), at(now), users[0]![0]]),
    );
    await insertRows(
      t,
      'org_api_key',
      ['id', 'organization_id', 'name', 'key_hash', 'key_prefix', 'created_at'],
      Array.from({ length: n('org_api_key') }, () => [newId('key'), orgId, 'key', newId('hash'), 'odz_key_', now]),
    );
  });
  return orgId;
}
