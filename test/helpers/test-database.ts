/**
 * Where a test's database lives, by the suite's `ODZ_TEST_DATABASE`:
 * - unset: a libSQL file in the test's temp directory;
 * - `remote`: the same file behind our Hrana-over-HTTP test server (sqld's rules: its refused
 *   PRAGMAs, batons, lock waits, errors), as it would be on Turso or sqld;
 * - `postgres`: a database of its own on the run's throwaway PostgreSQL server
 *   (postgres-global-setup.ts), dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startHranaServer, type HranaServer } from './hrana/server.js';
import { attachPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

export interface TestDatabase {
  url: string;
  /** The Hrana server when the database is remote (for its counters and fault injection). */
  server: HranaServer | null;
  /** The PostgreSQL server when the database is one of its (to restart it, for the fault tests). */
  postgres: PostgresCluster | null;
  dispose(): Promise<void>;
}

export type TestEngine = 'file' | 'remote' | 'postgres';
export const testEngine: TestEngine = (process.env.ODZ_TEST_DATABASE as TestEngine | undefined) ?? 'file';
export const remoteDatabase = testEngine === 'remote';
export const postgresDatabase = testEngine === 'postgres';

/** The run's PostgreSQL server (only when the suite runs against PostgreSQL). */
export function testPostgresCluster(): PostgresCluster {
  const location = inject('postgresCluster');
  if (!location) throw new Error('no PostgreSQL server in this run: set ODZ_TEST_DATABASE=postgres');
  return attachPostgresCluster(location);
}

export async function testDatabaseUrl(dir: string, options: { remote?: boolean } = {}): Promise<TestDatabase> {
  const path = join(dir, 'test.db');
  if (options.remote ?? remoteDatabase) {
    const server = await startHranaServer({ path });
    return { url: server.url, server, postgres: null, dispose: () => server.close() };
  }
  if (postgresDatabase) {
    const cluster = testPostgresCluster();
    const name = `odz_${randomBytes(6).toString('hex')}`;
    return { url: await cluster.createDatabase(name), server: null, postgres: cluster, dispose: () => cluster.dropDatabase(name) };
  }
  return { url: `file:${path}`, server: null, postgres: null, dispose: async () => undefined };
}
