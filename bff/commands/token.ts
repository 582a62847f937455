/**
 * `npm run token -- create --name ops --scopes delete:organizations`: creates a management token
 * and prints it once (only its hash is stored). `npm run token -- revoke <id>` revokes one.
 */
import { parseArgs } from 'node:util';
import { databaseEnvSchema, parseEnv } from '../env.js';
import { createManagementToken, knownScopes, revokeManagementToken } from '../management/tokens.js';
import { openAndMigrate } from '../runtime.js';
import { runCommand, UsageError } from './run.js';

const usage = `Usage:
  npm run token -- create --name <name> --scopes <scope[,scope…]>   (scopes: ${knownScopes.join(', ')})
  npm run token -- revoke <token id>`;

await runCommand(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, scopes: { type: 'string' } },
  });
  const [command, tokenId] = positionals;
  const env = parseEnv(process.env, databaseEnvSchema);
  if (command === 'create') {
    const scopes = (values.scopes ?? '').split(/[,\s]+/).filter(Boolean);
    const unknown = scopes.filter((s) => !(knownScopes as readonly string[]).includes(s));
    if (!values.name || scopes.length === 0 || unknown.length > 0) {
      throw new UsageError(`${unknown.length ? `Unknown scope(s): ${unknown.join(', ')}\n` : ''}${usage}`);
    }
    const database = await openAndMigrate(env);
    const { id, token } = await createManagementToken(database.db, { name: values.name, scopes, now: new Date() });
    database.close();
    console.log(`Created management token ${id} (${values.name}; scopes: ${scopes.join(' ')}).`);
    console.log('It is shown only now; store it in your secret manager:');
    console.log(token);
    return;
  }
  if (command === 'revoke' && tokenId) {
    const database = await openAndMigrate(env);
    const revoked = await revokeManagementToken(database.db, tokenId, new Date());
    database.close();
    if (!revoked) throw new UsageError(`No management token with id ${tokenId}.`);
    console.log(`Revoked ${tokenId}.`);
    return;
  }
  throw new UsageError(usage);
});
