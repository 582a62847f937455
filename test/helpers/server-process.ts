/**
 * Runs the production server entry (`bff/server.ts`) as its own process, the way an operator
 * does, capturing everything it logs. Used by the end-to-end and the reliability suites.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { startProcess } from './process.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the process wrote to stdout and stderr. */
  logs: string[];
  stop(): Promise<void>;
}

/** `cwd`: another checkout of this project (bench/compare.ts runs an older commit beside this one). */
export async function startServerProcess(env: Record<string, string>, entry = 'bff/server.ts', options: { cwd?: string } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const server = await startProcess(process.execPath, ['--import', 'tsx', entry], {
    cwd: options.cwd,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), PURGE_INTERVAL_SECONDS: '0', ...env },
    ready: /listening on/,
    ceilingMs: 60_000,
  });
  return { url: `http://127.0.0.1:${port}`, port, process: server.child, logs: server.logs, stop: server.stop };
}
