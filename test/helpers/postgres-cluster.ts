/**
 * A throwaway PostgreSQL server for tests: `initdb` into a temporary directory, started on a free
 * port of 127.0.0.1 by `pg_ctl`, stopped and removed at the end (TOOLCHAIN.md). Debian's server
 * binaries; as root (CI, this machine) every command runs as the `postgres` user, since
 * PostgreSQL refuses to run as root. One server per suite run, one database per test file.
 *
 * No fsync (`fsync`, `full_page_writes` off): nothing here must survive a power cut. Commits still
 * write their WAL before they answer (`synchronous_commit` stays on, a write to the OS without a
 * sync, cheap): with it off, a crash (`stop('immediate')`, the fault tests) loses the transactions
 * of the last few hundred milliseconds, a session just signed in among them, which a real server
 * never does.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Debian's server binaries (the newest installed), or POSTGRES_BIN. */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? newestDebianBin();

function newestDebianBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0] ?? '15';
  return join(root, newest, 'bin');
}

export interface PostgresCluster {
  location: ClusterLocation;
  port: number;
  /** A URL for one database of this server. */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** Stops the server (`mode`: `fast` closes connections cleanly, `immediate` is a crash) and starts it again. */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/** Runs a server binary as the `postgres` user when we are root. */
async function pgCommand(binary: string, args: string[]): Promise<string> {
  const path = join(POSTGRES_BIN, binary);
  const { stdout } = asRoot ? await run('runuser', ['-u', 'postgres', '--', path, ...args]) : await run(path, args);
  return stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Where a running cluster is: enough for another process (a test worker) to reach and control it. */
export interface ClusterLocation {
  dir: string;
  port: number;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL's server binaries are not in ${POSTGRES_BIN}: apt-get install postgresql (or set POSTGRES_BIN).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'odz-pg-'));
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    chownSync(dir, uid, gid);
  }
  await pgCommand('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // A port another process takes between our probe and the server's bind: try another.
  for (let attempt = 0; ; attempt++) {
    const cluster = attachPostgresCluster({ dir, port: await freePort() });
    try {
      await cluster.start();
      return cluster;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/** A cluster started elsewhere (the suite's global setup), to create databases in and to restart. */
export function attachPostgresCluster({ dir, port }: ClusterLocation): PostgresCluster {
  const data = join(dir, 'data');
  const start = async () => {
    const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c full_page_writes=off', '-c max_connections=300'].join(
      ' ',
    );
    await pgCommand('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await pgCommand('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  };
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    location: { dir, port },
    port,
    url,
    async createDatabase(name) {
      await admin(`create database "${name}"`);
      return url(name);
    },
    async dropDatabase(name) {
      await admin(`drop database if exists "${name}" with (force)`);
    },
    async restart(mode = 'fast') {
      await stop(mode);
      await start();
    },
    stop,
    start,
    async dispose() {
      await stop('immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
