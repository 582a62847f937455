/**
 * The README's framework recipes, built from the packed tarball (issue 19): one host folder with
 * Next.js (App Router), Vue, Svelte and Angular installed once (hosts/frameworks; one install is
 * honest here, each app builds on its own), then each app type-checked and built the way that
 * framework does it. Where the package ships template types (`org-danger-zone/vue`,
 * `org-danger-zone/svelte`), a copy of the app without the required `org-id` must fail its check.
 * Each step prints its time (`[package figures]`), for what the recipes add to CI.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { hostEnv, installHost, repoRoot, run, type RunResult } from './helpers.js';

const host = join(inject('workDir'), 'host-frameworks');
const bin = (name: string) => join(host, 'node_modules/.bin', name);
const env = hostEnv({ NEXT_TELEMETRY_DISABLED: '1' });

async function timed(what: string, command: string, args: string[], cwd: string, allowFailure = false): Promise<RunResult> {
  const result = await run(command, args, { cwd, env, allowFailure });
  console.log(`[package figures] ${what}: ${(result.ms / 1000).toFixed(1)} s`);
  return result;
}

/** A copy of an app's folder where `edit` breaks one file, to see its type check refuse it. */
function brokenCopy(app: string, file: string, edit: (text: string) => string): string {
  const copy = join(host, `${app}-broken`);
  cpSync(join(host, app), copy, { recursive: true });
  writeFileSync(join(copy, file), edit(readFileSync(join(copy, file), 'utf8')));
  return copy;
}

beforeAll(async () => {
  const install = await installHost('frameworks', host, inject('tarball'));
  console.log(`[package figures] framework hosts (Next.js, Vue, Svelte, Angular): npm install ${(install.ms / 1000).toFixed(1)} s`);
});

describe('the framework recipes, built from the tarball', () => {
  it('are the files docs/frameworks.md shows, verbatim', () => {
    const doc = readFileSync(join(repoRoot, 'docs/frameworks.md'), 'utf8');
    const recipes = [
      'next/app/page.tsx',
      'next/app/danger-zone.tsx',
      'vue/vite.config.ts',
      'vue/src/env.d.ts',
      'vue/src/App.vue',
      'svelte/src/app.d.ts',
      'svelte/src/App.svelte',
      'angular/src/settings.component.ts',
    ];
    for (const file of recipes) {
      const source = readFileSync(join(repoRoot, 'test/package/hosts/frameworks', file), 'utf8').trimEnd();
      expect([file, doc.includes(`\n${source}\n\`\`\``)]).toEqual([file, true]);
    }
  });

  it("Next.js App Router: a server component renders the wrapper ('use client'), a client one passes handlers; next build prerenders it", async () => {
    const result = await timed('Next.js: next build', bin('next'), ['build'], join(host, 'next'), true);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const html = readFileSync(join(host, 'next/.next/server/app/index.html'), 'utf8');
    // Both uses rendered on the server as the element's tag: nothing crashed importing it there.
    expect(html.match(/<org-danger-zone[\s>]/g)).toHaveLength(2);
  });

  it('Vue: vue-tsc checks the template against the typed GlobalComponents, vite builds it', async () => {
    const checked = await timed('Vue: vue-tsc', bin('vue-tsc'), ['-p', 'tsconfig.json'], join(host, 'vue'), true);
    expect([checked.code, checked.stdout]).toEqual([0, '']);
    const broken = brokenCopy('vue', 'src/App.vue', (text) => text.replace(':org-id="orgId" ', ''));
    const refused = await run(bin('vue-tsc'), ['-p', 'tsconfig.json'], { cwd: broken, env, allowFailure: true });
    expect([refused.code, refused.stdout]).toEqual([2, expect.stringContaining("Property 'orgId' is missing")]);
    await timed('Vue: vite build', bin('vite'), ['build'], join(host, 'vue'));
    expect(readdirSync(join(host, 'vue/dist/assets')).some((f) => f.endsWith('.js'))).toBe(true);
  });

  it('Svelte: svelte-check checks the markup against the typed element, vite builds it', async () => {
    const checked = await timed(
      'Svelte: svelte-check',
      bin('svelte-check'),
      ['--tsconfig', './tsconfig.json', '--output', 'machine'],
      join(host, 'svelte'),
      true,
    );
    expect([checked.code, checked.stdout]).toEqual([0, expect.stringMatching(/COMPLETED \d+ FILES 0 ERRORS 0 WARNINGS/)]);
    const broken = brokenCopy('svelte', 'src/App.svelte', (text) => text.replace('org-id={orgId} ', ''));
    const refused = await run(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--output', 'machine'], { cwd: broken, env, allowFailure: true });
    expect([refused.code, refused.stdout]).toEqual([1, expect.stringContaining("'org-id'")]);
    await timed('Svelte: vite build', bin('vite'), ['build'], join(host, 'svelte'));
  });

  it('Angular: a standalone component with CUSTOM_ELEMENTS_SCHEMA compiles ahead of time with strict templates', async () => {
    const result = await timed('Angular: ngc', bin('ngc'), ['-p', 'tsconfig.json'], join(host, 'angular'), true);
    expect([result.code, result.stdout]).toEqual([0, '']);
    const compiled = readFileSync(join(host, 'angular/dist/settings.component.js'), 'utf8');
    expect(compiled).toContain('"org-danger-zone"');
    expect(compiled).toContain('ɵɵdefineComponent');
  });
});
