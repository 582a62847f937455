/**
 * `org-danger-zone <command>`: the package's `bin`, for operators and hosts.
 *
 *   serve                 the standalone server (HTTP, background jobs; DEMO=1 for the QA page)
 *   migrate [--auth]      the danger zone's tables (--auth: better-auth's too, as `serve` does)
 *   purge                 purge every org whose grace window has passed, once (for cron);
 *                         --dry-run <orgId>: what purging that org would remove, removing nothing
 *   mail                  send what is due in the outbox over SMTP_URL, once (for cron)
 *   token create|revoke   management tokens
 *   legal-hold set|lift   a platform operator's legal hold on an org
 *   webhook-secret        print a new Standard Webhooks secret (for WEBHOOK_SECRET)
 *   openapi [--prefix P]  print the OpenAPI 3.1 document, mounted under P
 *
 * Configuration comes from the environment (DATABASE_URL, …; see the README).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ConfigError } from './config.js';
import { MigrationPrerequisiteError } from './db/migrate.js';
import { DomainError } from './domain-error.js';
import { errorBody } from './http/errors.js';
import { legalHoldUsage } from './commands/legal-hold.js';
import { tokenCommand, tokenUsage } from './commands/token.js';
import { UsageError } from './commands/usage-error.js';
import { generateWebhookSecret } from './webhooks/signing.js';

const usage = `Usage: org-danger-zone <command>
  org-danger-zone serve
  org-danger-zone migrate [--auth]
  org-danger-zone purge [--dry-run <orgId>]
  org-danger-zone mail
${tokenUsage}
${legalHoldUsage}
  org-danger-zone webhook-secret
  org-danger-zone openapi [--prefix /dz]`;

/** Runs a command: clear configuration and usage errors, exit codes 1 (failure) and 2 (usage). */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof DomainError) console.error(`${errorBody(error).error.message} (${error.code})`);
    else console.error(error instanceof ConfigError || error instanceof UsageError || error instanceof MigrationPrerequisiteError ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

export async function cli(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      auth: { type: 'boolean', default: false },
      name: { type: 'string' },
      scopes: { type: 'string' },
      reason: { type: 'string' },
      prefix: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, action, target] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return;
  }
  // Loaded when called: `serve` needs @hono/node-server, an optional peer that a host running only
  // `migrate` or `purge` from the package's bin need not install.
  switch (command) {
    case 'serve':
      return (await import('./commands/serve.js')).serveCommand();
    case 'migrate':
      return (await import('./commands/migrate.js')).migrateCommand({ auth: values.auth ?? false });
    case 'purge':
      return (await import('./commands/purge.js')).purgeCommand({ dryRun: values['dry-run'] ?? false, orgId: action });
    case 'mail':
      return (await import('./commands/mail.js')).mailCommand();
    case 'token':
      return tokenCommand({ action, tokenId: target, name: values.name, scopes: values.scopes });
    case 'legal-hold':
      return (await import('./commands/legal-hold.js')).legalHoldCommand({ action, orgId: target, reason: values.reason });
    case 'openapi':
      return (await import('./commands/openapi.js')).openApiCommand({ prefix: values.prefix });
    case 'webhook-secret':
      console.log(generateWebhookSecret());
      return;
    default:
      throw new UsageError(`Unknown command "${command}".\n${usage}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCommand(() => cli(process.argv.slice(2)));
}
