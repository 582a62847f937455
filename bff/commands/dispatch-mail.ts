/** `npm run mail:dispatch`: sends what is due in the outbox over SMTP_URL once, then exits. */
import { mailEnvSchema, parseEnv } from '../env.js';
import { dispatchOutbox } from '../mail/dispatcher.js';
import { smtpTransport } from '../mail/smtp.js';
import { openAndMigrate } from '../runtime.js';
import { runCommand, UsageError } from './run.js';

await runCommand(async () => {
  const env = parseEnv(process.env, mailEnvSchema);
  if (!env.SMTP_URL) throw new UsageError('SMTP_URL is not set: there is nowhere to send the outbox.');
  const database = await openAndMigrate(env);
  const transport = smtpTransport(env.SMTP_URL, env.MAIL_FROM);
  try {
    console.log(JSON.stringify(await dispatchOutbox(database.db, { transport, now: new Date() })));
  } finally {
    transport.close?.();
    database.close();
  }
});
