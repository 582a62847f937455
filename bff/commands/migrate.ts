/** `npm run db:migrate`: applies pending migrations to DATABASE_URL and exits. */
import { ConfigError, databaseEnvSchema, parseEnv } from '../env.js';
import { openAndMigrate } from '../runtime.js';

try {
  const env = parseEnv(process.env, databaseEnvSchema);
  const database = await openAndMigrate(env);
  database.close();
  console.log(`Migrations applied to ${env.DATABASE_URL}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
