/**
 * Packs the package once for every host: `npm pack` runs `prepack` (the full build), so the tarball
 * is what `npm publish` would upload. Its path and npm's own figures go to the test files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { hostEnv, repoRoot, run } from './helpers.js';

export interface PackInfo {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder the tarball and every host live in (removed at the end unless KEEP_PACKAGE_HOSTS=1). */
    workDir: string;
    tarball: string;
    pack: PackInfo;
  }
}

export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(join(tmpdir(), 'odz-package-'));
  // ODZ_PACK_FROM: pack another checkout (e.g. a clean worktree while this one is mid-change).
  const packFrom = process.env.ODZ_PACK_FROM ?? repoRoot;
  const packed = await run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: packFrom, env: hostEnv() });
  // The prepack build prints to stdout first; npm's JSON is the array that starts a line of its own.
  const json = packed.stdout.slice(packed.stdout.search(/^\[\s*$/m));
  const [pack] = JSON.parse(json) as PackInfo[];
  if (!pack) throw new Error(`npm pack printed no package:\n${packed.stdout}`);
  console.log(`[package] npm pack (with the prepack build) took ${(packed.ms / 1000).toFixed(1)} s: ${pack.filename}`);
  project.provide('workDir', workDir);
  project.provide('tarball', join(workDir, pack.filename));
  project.provide('pack', pack);
  return () => {
    if (process.env.KEEP_PACKAGE_HOSTS === '1') console.log(`[package] hosts kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  };
}
