/**
 * `org-danger-zone legal-hold set <orgId> --reason "…"` and `legal-hold lift <orgId>`: a platform
 * operator's legal hold from the command line (the management API has the same, scope
 * `manage:legal_holds`). Audited as the operator running the command.
 */
import { userInfo } from 'node:os';
import { databaseEnvSchema, databaseOptionsFrom, parseEnv } from '../config.js';
import { openDatabase } from '../db/database.js';
import { liftLegalHold, setLegalHold } from '../orgs/legal-hold.js';
import { UsageError } from './usage-error.js';

export const legalHoldUsage = `  org-danger-zone legal-hold set <org id> --reason "<why>"
  org-danger-zone legal-hold lift <org id>`;

export async function legalHoldCommand(args: { action?: string | undefined; orgId?: string | undefined; reason?: string | undefined }): Promise<void> {
  if (!args.orgId || !(args.action === 'lift' || (args.action === 'set' && args.reason?.trim()))) throw new UsageError(`Usage:\n${legalHoldUsage}`);
  const env = parseEnv(process.env, databaseEnvSchema);
  const database = await openDatabase(databaseOptionsFrom(env));
  const actor = { userId: null, label: `operator ${userInfo().username} (command line)`, impersonatorUserId: null, ip: null, userAgent: null };
  try {
    if (args.action === 'set') {
      const hold = await setLegalHold(database, { orgId: args.orgId, reason: args.reason!.trim(), actor, now: new Date() });
      console.log(`Legal hold on ${args.orgId} since ${hold.setAt.toISOString()}: ${hold.reason}`);
    } else {
      const lifted = await liftLegalHold(database, { orgId: args.orgId, actor, now: new Date() });
      console.log(lifted ? `Lifted the legal hold on ${args.orgId}.` : `${args.orgId} had no legal hold.`);
    }
  } finally {
    await database.close();
  }
}
