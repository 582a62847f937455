/**
 * `org-danger-zone token create --name ops --scopes delete:organizations`: creates a management
 * token and prints it once (only its hash is stored). `org-danger-zone token revoke <id>` revokes one.
 */
import { databaseEnvSchema, databaseOptionsFrom, parseEnv } from '../config.js';
import { openDatabase } from '../db/database.js';
import { createManagementToken, knownScopes, revokeManagementToken } from '../management/tokens.js';
import { UsageError } from './usage-error.js';

export const tokenUsage = `  org-danger-zone token create --name <name> --scopes <scope[,scope…]>   (scopes: ${knownScopes.join(', ')})
  org-danger-zone token revoke <token id>`;

export async function tokenCommand(args: {
  action?: string | undefined;
  tokenId?: string | undefined;
  name?: string | undefined;
  scopes?: string | undefined;
}): Promise<void> {
  const env = parseEnv(process.env, databaseEnvSchema);
  const scopes = (args.scopes ?? '').split(/[,\s]+/).filter(Boolean);
  const unknown = scopes.filter((s) => !(knownScopes as readonly string[]).includes(s));
  if (args.action === 'create' && (!args.name || scopes.length === 0 || unknown.length > 0)) {
    throw new UsageError(`${unknown.length ? `Unknown scope(s): ${unknown.join(', ')}\n` : ''}Usage:\n${tokenUsage}`);
  }
  if (args.action !== 'create' && !(args.action === 'revoke' && args.tokenId)) throw new UsageError(`Usage:\n${tokenUsage}`);
  const database = await openDatabase(databaseOptionsFrom(env));
  try {
    if (args.action === 'create') {
      const { id, token } = await createManagementToken(database.writer.db, { name: args.name!, scopes, now: new Date() });
      console.log(`Created management token ${id} (${args.name}; scopes: ${scopes.join(' ')}).`);
      console.log('It is shown only now; store it in your secret manager:');
      console.log(token);
      return;
    }
    if (!(await revokeManagementToken(database.writer.db, args.tokenId!, new Date()))) throw new UsageError(`No management token with id ${args.tokenId}.`);
    console.log(`Revoked ${args.tokenId}.`);
  } finally {
    await database.close();
  }
}
