/**
 * Serves the built widget (`npm run build` → dist/widget) at /widget/…: the self-contained
 * module at /widget/org-danger-zone.js, plus the Lit-external variant, the React wrapper and
 * their source maps. Revalidated by ETag on every load, so a rebuild is picked up at once.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { refuse } from './domain-error.js';

const distDir = fileURLToPath(new URL('../dist/widget/', import.meta.url));
const files = new Set([
  'org-danger-zone.js',
  'org-danger-zone.js.map',
  'org-danger-zone.lit-external.js',
  'org-danger-zone.lit-external.js.map',
  'react.js',
  'react.js.map',
]);

export function widgetAssets() {
  return new Hono().get('/:file', async (c) => {
    const file = c.req.param('file');
    if (!files.has(file)) refuse('not_found');
    const content = await readFile(`${distDir}${file}`).catch(() => null);
    if (!content) refuse('not_found', { message: `dist/widget/${file} is missing: run \`npm run build\`.` });
    const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
    const headers = {
      'Content-Type': file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      ETag: etag,
      'Access-Control-Allow-Origin': '*',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(content), 200, headers);
  });
}
