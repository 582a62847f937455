/**
 * Where a test's database lives: a libSQL file in the test's temp directory, or, when the suite
 * runs with `ODZ_TEST_DATABASE=remote`, the same file behind our Hrana-over-HTTP test server (sqld's
 * rules: its refused PRAGMAs, batons, lock waits, errors), so every BFF test also runs against a
 * remote URL as it would against Turso or sqld.
 */
import { join } from 'node:path';
import { startHranaServer, type HranaServer } from './hrana/server.js';

export interface TestDatabase {
  url: string;
  /** The Hrana server when the database is remote (for its counters and fault injection). */
  server: HranaServer | null;
  dispose(): Promise<void>;
}

export const remoteDatabase = process.env.ODZ_TEST_DATABASE === 'remote';

export async function testDatabaseUrl(dir: string, options: { remote?: boolean } = {}): Promise<TestDatabase> {
  const path = join(dir, 'test.db');
  if (!(options.remote ?? remoteDatabase)) return { url: `file:${path}`, server: null, dispose: async () => undefined };
  const server = await startHranaServer({ path });
  return { url: server.url, server, dispose: () => server.close() };
}
