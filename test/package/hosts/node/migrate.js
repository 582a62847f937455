// The host's own migrations, with the host's own journal, run before org-danger-zone's
// (`org-danger-zone migrate`, which creates only the danger zone's tables).
import { readdirSync, readFileSync } from 'node:fs';
import { createClient } from '@libsql/client';

const client = createClient({ url: process.env.DATABASE_URL });
await client.execute('create table if not exists host_migrations (name text primary key)');
for (const name of readdirSync(new URL('./migrations/', import.meta.url)).sort()) {
  const done = await client.execute({ sql: 'select 1 from host_migrations where name = ?', args: [name] });
  if (done.rows.length > 0) continue;
  await client.executeMultiple(readFileSync(new URL(`./migrations/${name}`, import.meta.url), 'utf8'));
  await client.execute({ sql: 'insert into host_migrations (name) values (?)', args: [name] });
  console.log(`host: applied ${name}`);
}
client.close();
