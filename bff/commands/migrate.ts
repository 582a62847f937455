/** `npm run db:migrate`: applies pending migrations to DATABASE_URL and exits. */
import { databaseEnvSchema, parseEnv } from '../env.js';
import { openAndMigrate } from '../runtime.js';
import { runCommand } from './run.js';

await runCommand(async () => {
  const env = parseEnv(process.env, databaseEnvSchema);
  const database = await openAndMigrate(env);
  database.close();
  console.log(`Migrations applied to ${env.DATABASE_URL}`);
});
