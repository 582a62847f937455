/**
 * What the package tests share: running commands the way a host developer would (npm, npx, node)
 * with their output kept for the failure message, installing a host from the tarball, and sizes.
 */
import { spawn } from 'node:child_process';
import { cpSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = new URL('../../', import.meta.url).pathname;

/**
 * The environment a host's commands run in: ours, less what `npm run` adds for the repository's
 * own package (npm_config_*, npm_package_*), so npm in a host folder sees that host only.
 */
export function hostEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // vitest's own variables (NODE_ENV=test, VITEST…) go too: under NODE_ENV=test a host's vite
  // build would pick Lit's development build.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|VITEST|NODE_ENV$|TEST$)/i.test(key)));
  return { ...env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1', ...extra };
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
  ms: number;
}

/** Runs a command to its end; rejects with everything it printed when it fails (unless `allowFailure`). */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean }): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? hostEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { stdout, stderr, code, ms: Math.round(performance.now() - started) };
      if (code !== 0 && !options.allowFailure) {
        reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${stdout}\n${stderr}`));
      } else resolve(result);
    });
  });
}

/** npm install as CI runs it here: npm's cache first, no audit, no funding notes. */
export const npmInstallFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/**
 * Copies a host fixture (test/package/hosts/<name>) to `into`, points its `org-danger-zone`
 * dependency at the tarball, and installs it once.
 */
export async function installHost(name: string, into: string, tarball: string): Promise<RunResult> {
  cpSync(join(repoRoot, 'test/package/hosts', name), into, { recursive: true });
  const manifest = join(into, 'package.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('__TARBALL__', tarball));
  return run('npm', ['install', ...npmInstallFlags], { cwd: into });
}

/**
 * Bytes on disk (file sizes, not blocks) and the number of packages under a node_modules folder,
 * leaving out the top-level packages named in `except` (a host's own dev tools).
 */
export function installSize(nodeModules: string, except: string[] = []): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink() || except.some((name) => path === join(nodeModules, name))) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        bytes += lstatSync(path).size;
        if (entry.name === 'package.json' && isPackageRoot(dir)) packages += 1;
      }
    }
  };
  const isPackageRoot = (dir: string) => {
    const parent = dir.split('/').slice(-2, -1)[0];
    const grand = dir.split('/').slice(-3, -2)[0];
    return parent === 'node_modules' || (parent?.startsWith('@') === true && grand === 'node_modules');
  };
  walk(nodeModules);
  return { bytes, packages };
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
export const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
