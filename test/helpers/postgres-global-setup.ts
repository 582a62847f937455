/**
 * vitest's global setup for a suite run against PostgreSQL (`ODZ_TEST_DATABASE=postgres`): one
 * throwaway server for the whole run (postgres-cluster.ts), its location handed to every test file,
 * which creates a database of its own in it (test-database.ts). Nothing to do for the other engines.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type ClusterLocation } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresCluster: ClusterLocation | null;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.ODZ_TEST_DATABASE !== 'postgres') {
    project.provide('postgresCluster', null);
    return;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresCluster', cluster.location);
  return () => cluster.dispose();
}
