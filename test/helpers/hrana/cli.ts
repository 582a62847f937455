/**
 * The Hrana test server as a process of its own:
 *
 *   node --import tsx test/helpers/hrana/cli.ts --db file.db [--port 0] [--host 127.0.0.1]
 *     [--auth-token T] [--stream-idle-timeout-ms N] [--lock-wait-timeout-ms N]
 *     [--transaction-timeout-ms N] [--latency-ms N]
 *
 * Prints `hrana listening on http://…` once it serves, and stops on SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startHranaServer } from './server.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'auth-token': { type: 'string' },
    'stream-idle-timeout-ms': { type: 'string' },
    'lock-wait-timeout-ms': { type: 'string' },
    'transaction-timeout-ms': { type: 'string' },
    'latency-ms': { type: 'string' },
  },
});

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number of milliseconds, got ${value}`);
    process.exit(2);
  }
  return n;
}

if (!values.db) {
  console.error('usage: cli.ts --db <sqlite file> [--port 0] [--auth-token T] …');
  process.exit(2);
}

const server = await startHranaServer({
  path: values.db,
  port: number('port', values.port),
  host: values.host,
  authToken: values['auth-token'],
  streamIdleTimeoutMs: number('stream-idle-timeout-ms', values['stream-idle-timeout-ms']),
  lockWaitTimeoutMs: number('lock-wait-timeout-ms', values['lock-wait-timeout-ms']),
  transactionTimeoutMs: number('transaction-timeout-ms', values['transaction-timeout-ms']),
  latencyMs: number('latency-ms', values['latency-ms']),
});
console.log(`hrana listening on ${server.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
