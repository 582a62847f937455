/** `org-danger-zone mail`: sends what is due in the outbox over SMTP_URL once, then exits. */
import { databaseOptionsFrom, mailEnvSchema, parseEnv } from '../config.js';
import { clockWithOffset } from '../clock.js';
import { openDatabase } from '../db/database.js';
import { dispatchOutbox } from '../mail/dispatcher.js';
import { smtpTransport } from '../mail/smtp.js';
import { UsageError } from './usage-error.js';

export async function mailCommand(): Promise<void> {
  const env = parseEnv(process.env, mailEnvSchema);
  if (!env.SMTP_URL) throw new UsageError('SMTP_URL is not set: there is nowhere to send the outbox.');
  const database = await openDatabase(databaseOptionsFrom(env));
  const transport = smtpTransport(env.SMTP_URL, env.MAIL_FROM);
  try {
    console.log(JSON.stringify(await dispatchOutbox(database.writer.db, { transport, now: clockWithOffset(env.CLOCK_OFFSET).now() })));
  } finally {
    transport.close?.();
    await database.close();
  }
}
