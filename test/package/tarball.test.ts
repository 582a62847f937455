/**
 * The tarball itself: what it ships, what publint and Are the Types Wrong? say about it, its
 * figures, and what a widget-only host installs. The `[package figures]` lines are docs/benchmarks.md's
 * numbers (npm test prints them; re-measure with `npm run test:package`).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { installSize, kB, MB, npmInstallFlags, repoRoot, run } from './helpers.js';

const tarball = inject('tarball');
const pack = inject('pack');
const files = pack.files.map((f) => f.path);

describe('the packed tarball', () => {
  it('ships the compiled package, a licence and the changelog, and nothing of the repository besides', () => {
    const outside = files.filter(
      (f) => !f.startsWith('dist/') && !/^docs\/[\w-]+\.md$/.test(f) && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(f),
    );
    expect(outside).toEqual([]);
    expect(
      files.filter((f) => /^(dist\/demo|test|bench|\.ci|bff|shared|widget)\//.test(f) || f.endsWith('.test.js') || (f.endsWith('.ts') && !f.endsWith('.d.ts'))),
    ).toEqual([]);
    for (const needed of [
      'LICENSE',
      'CHANGELOG.md',
      'dist/bff/index.js',
      'dist/bff/index.d.ts',
      'dist/bff/bin.js',
      'dist/bff/db/schema.js',
      'dist/bff/purge/worker-thread.js',
      'dist/shared/schemas.js',
      'dist/shared/contract.js',
      'dist/shared/contract.d.ts',
      'dist/openapi.json',
      'dist/widget/org-danger-zone.js',
      'dist/widget/org-danger-zone.lit-external.js',
      'dist/widget/react.js',
      'dist/widget/index.d.ts',
      'dist/widget/react.d.ts',
      'dist/widget/vue.d.ts',
      'dist/widget/svelte.d.ts',
      'dist/widget/custom-elements.json',
      'dist/widget/vscode.html-custom-data.json',
      'dist/widget/web-types.json',
    ]) {
      expect([needed, files.includes(needed)]).toEqual([needed, true]);
    }
    console.log(
      `[package figures] tarball: ${kB(pack.size)} packed, ${kB(pack.unpackedSize)} unpacked, ${pack.entryCount} files ` +
        `(widget ${kB(sum('dist/widget/'))}, server ${kB(sum('dist/bff/') + sum('dist/shared/'))})`,
    );
  });

  it('ships every file the README and the docs link to, each heading a link names included', () => {
    const broken: string[] = [];
    for (const doc of files.filter((f) => f.endsWith('.md'))) {
      for (const [, target] of readFileSync(join(repoRoot, doc), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, anchor] = target!.split('#');
        const file = path ? normalize(join(dirname(doc), path)) : doc;
        if (!files.includes(file)) broken.push(`${doc}: ${target} (no ${file} in the tarball)`);
        else if (anchor && !headingAnchors(file).includes(anchor)) broken.push(`${doc}: ${target} (no heading #${anchor} in ${file})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the React wrapper is a client module: 'use client' opens it, for React Server Components", () => {
    expect(readFileSync(join(repoRoot, 'dist/widget/react.js'), 'utf8').startsWith("'use client';\n")).toBe(true);
  });

  it('publint reports nothing', async () => {
    const publint = join(repoRoot, 'node_modules/publint/src/cli.js');
    const result = await run('node', [publint, 'run', tarball, '--level', 'suggestion'], { cwd: repoRoot, allowFailure: true });
    expect(result.stdout).toContain('All good!');
    expect(result.code).toBe(0);
  });

  it('Are the Types Wrong? reports nothing (ESM-only profile)', async () => {
    // ESM only: the profile leaves out node10 and require() from CommonJS, which cannot load it anyway.
    const attw = join(repoRoot, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const result = await run('node', [attw, tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'json'], {
      cwd: repoRoot,
      allowFailure: true,
    });
    const report = JSON.parse(result.stdout) as { problems: Record<string, { entrypoint: string; resolutionKind?: string }[]> };
    const problems = Object.values(report.problems)
      .flat()
      .filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind ?? ''));
    expect([result.code, problems]).toEqual([0, []]);
  });

  it('installs for a widget-only host with Lit and nothing of the server', async () => {
    const host = join(inject('workDir'), 'host-widget-only');
    mkdirSync(host, { recursive: true });
    writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'odz-widget-only-host', private: true, type: 'module' }));
    const install = await run('npm', ['install', tarball, ...npmInstallFlags], { cwd: host });
    console.log(`[package] widget-only host: npm install took ${(install.ms / 1000).toFixed(1)} s`);
    const installed = (name: string) => existsSync(join(host, 'node_modules', name, 'package.json'));
    expect(['org-danger-zone', 'lit'].filter((n) => !installed(n))).toEqual([]);
    const server = [
      'hono',
      'better-auth',
      'drizzle-orm',
      '@libsql/client',
      'libsql',
      'zod',
      '@hono/zod-validator',
      '@hono/node-server',
      'nodemailer',
      'tsx',
      'react',
      '@lit/react',
    ];
    expect(server.filter(installed)).toEqual([]);
    const size = installSize(join(host, 'node_modules'));
    console.log(`[package figures] widget-only host: ${MB(size.bytes)} in ${size.packages} packages`);
  });
});

function sum(prefix: string): number {
  return pack.files.filter((f) => f.path.startsWith(prefix)).reduce((total, f) => total + f.size, 0);
}

/** The anchors GitHub and npm give a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchors(file: string): string[] {
  const text = readFileSync(join(repoRoot, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
    heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-'),
  );
}
