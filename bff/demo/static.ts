/**
 * Serves the built demo (dist/demo: the QA page and the embedding examples) under /demo/.
 * Paths are resolved inside that folder only; a folder serves its index.html.
 *
 * Every page carries a Content-Security-Policy (issue 18.11): scripts from this origin, the
 * examples' own inline scripts by their hash, and the demo's BFF origins (`bffOrigins`, for the
 * cross-origin example); never framed (`frame-ancestors 'none'`), no plugins, no `<base>`.
 */
import { createHash } from 'node:crypto';
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

/** The hashes of a page's inline scripts, as CSP sources. */
function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes, body] of html.matchAll(/<script(\b[^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(attributes!) || body!.trim() === '') continue;
    hashes.push(`'sha256-${createHash('sha256').update(body!).digest('base64')}'`);
  }
  return hashes;
}

function contentSecurityPolicy(html: string, path: string, bffOrigins: readonly string[]): string {
  const others = bffOrigins.join(' ');
  // The Vue example compiles its template in the browser (Vue's runtime compiler uses `new Function`).
  const evaluates = path.includes(`${sep}vue${sep}`) ? " 'unsafe-eval'" : '';
  return [
    "default-src 'self'",
    `script-src 'self' ${others} ${inlineScriptHashes(html).join(' ')}${evaluates}`.replace(/ +/g, ' ').trim(),
    `connect-src 'self' ${others}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function demoPages(options: { bffOrigins?: readonly string[] } = {}) {
  const bffOrigins = options.bffOrigins ?? [];
  return new Hono().get('/*', async (c) => {
    let relative = '';
    try {
      relative = decodeURIComponent(new URL(c.req.url).pathname.replace(/^.*?\/demo\/?/, ''));
    } catch {
      refuse('invalid_uri', { message: 'The path is not valid percent-encoding.' });
    }
    const target = normalize(join(demoDir, relative.endsWith('/') || relative === '' ? `${relative}index.html` : relative));
    if (!target.startsWith(demoDir.endsWith(sep) ? demoDir : demoDir + sep)) refuse('not_found');
    const content = await readFile(target).catch(() => null);
    if (!content) {
      refuse('not_found', { message: relative === '' ? 'dist/demo is missing: run `npm run build`.' : 'Not found.' });
    }
    const type = types[extname(target)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': target.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = contentSecurityPolicy(content.toString('utf8'), target, bffOrigins);
      headers['Referrer-Policy'] = 'no-referrer';
    }
    return c.body(new Uint8Array(content), 200, headers);
  });
}
