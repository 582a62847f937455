/**
 * Serves the built demo (dist/demo: the QA page and the embedding examples) under /demo/.
 * Paths are resolved inside that folder only; a folder serves its index.html.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { refuse } from '../domain-error.js';

// From the sources, bff/demo/ → ../../dist/demo; compiled, dist/bff/demo/ → ../../demo.
export const demoDir = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/demo/' : '../../demo/', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function demoPages() {
  return new Hono().get('/*', async (c) => {
    const relative = decodeURIComponent(new URL(c.req.url).pathname.replace(/^.*?\/demo\/?/, ''));
    const target = normalize(join(demoDir, relative.endsWith('/') || relative === '' ? `${relative}index.html` : relative));
    if (!target.startsWith(demoDir.endsWith(sep) ? demoDir : demoDir + sep)) refuse('not_found');
    const content = await readFile(target).catch(() => null);
    if (!content) {
      refuse('not_found', { message: relative === '' ? 'dist/demo is missing: run `npm run build`.' : 'Not found.' });
    }
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': types[extname(target)] ?? 'application/octet-stream',
      'Cache-Control': target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
}
