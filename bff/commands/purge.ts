/**
 * `npm run purge`: the purge as a one-shot command for cron (P1). Purges every org whose grace
 * window has passed, prints what it removed as JSON, exits. Safe beside running servers and other
 * runs of itself: the lease decides who purges which org.
 */
import { hostname } from 'node:os';
import { parseEnv, purgeEnvSchema } from '../env.js';
import { randomBase62 } from '../ids.js';
import { purgeDueOrgs } from '../purge/purge.js';
import { openAndMigrate } from '../runtime.js';
import { runCommand } from './run.js';

await runCommand(async () => {
  const env = parseEnv(process.env, purgeEnvSchema);
  // One connection, the purge's own, so its tuning pragmas apply to everything it runs.
  const database = await openAndMigrate(env, { concurrency: 1 });
  try {
    const result = await purgeDueOrgs(database.db, {
      now: new Date(),
      holder: `${hostname()}:${process.pid}:${randomBase62(6)}:cron`,
      leaseMs: env.PURGE_LEASE_SECONDS * 1000,
      batchSize: env.PURGE_BATCH_SIZE,
      ownConnection: true,
    });
    // maxRSS: the peak memory of this run, for operators sizing a cron job (and the benchmarks).
    console.log(JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS }));
  } finally {
    database.close();
  }
});
