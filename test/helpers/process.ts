/**
 * Starts a long-running process (a BFF, a host app, vite preview) and resolves once it prints a
 * line matching `ready`, keeping everything it prints for the tests and for failure messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr, as it arrives. */
  logs: string[];
  /** The ready line's match, for what it announced (a URL, a port). */
  match: RegExpMatchArray;
  stop(): Promise<void>;
}

export function startProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; ready: RegExp; ceilingMs?: number },
): Promise<StartedProcess> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const ceilingMs = options.ceilingMs ?? 120_000;
  const failure = (why: string) => new Error(`${command} ${args.join(' ')} ${why}:\n${logs.join('')}`);
  child.stdout!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => {
      clearTimeout(ceiling);
      reject(failure(`exited with ${code} before it was ready`));
    };
    const onData = () => {
      // Without colour codes: with CI set, picocolors colours vite's output even into a pipe, and
      // "127.0.0.1:\x1b[1m37509" never matches a port.
      const match = stripVTControlCharacters(logs.join('')).match(options.ready);
      if (!match) return;
      clearTimeout(ceiling);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve({
        child,
        logs,
        match,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    // Only a ceiling for a start that can never finish (the test's own timeout would say nothing of
    // why): it fails with what the process printed, and the process is stopped.
    const ceiling = setTimeout(() => {
      child.off('exit', onExit);
      child.kill('SIGTERM');
      reject(failure(`printed nothing matching ${options.ready} in ${ceilingMs / 1000} s`));
    }, ceilingMs);
    ceiling.unref();
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}
