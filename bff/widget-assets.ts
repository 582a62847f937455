/**
 * Serves the built widget (dist/widget) at /widget/…: the self-contained module a page loads with
 * `<script type="module" src="…/widget/org-danger-zone.js">`, the chunks it loads relative to its
 * own URL, the Lit-external variant, the React wrapper and their source maps.
 *
 * - Compressed: brotli when the client accepts it, else gzip, else as it is; `Vary: Accept-Encoding`
 *   on every answer. Each file is compressed once, off the event loop, the first time it is asked
 *   for, and kept with this instance until the file on disk changes (a rebuild is picked up at once).
 * - Cached: a chunk under a content-hashed name never changes, so it is `immutable` for a year; a
 *   stable name (the entries a page writes down) is `no-cache` with an ETag, so a browser revalidates
 *   it and gets 304 while it is unchanged.
 * - Only files inside the folder with a script, map or stylesheet extension: anything else is 404.
 *
 * The folder is found relative to this module: bff/ → ../dist/widget from the sources (tsx), and
 * dist/bff/ → ../widget compiled, wherever the package is installed.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { refuse } from './domain-error.js';

const compiled = !import.meta.url.endsWith('.ts');
export const defaultWidgetDir = fileURLToPath(new URL(compiled ? '../widget/' : '../dist/widget/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** Path segments of plain names only: no `..`, no hidden files, no backslashes. */
const safePath = /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*$/;

/**
 * A bundler's content hash ends the name (`odz-de-B4x9Qk1z.js`, `chunk.3f9a0c1e.js`): 8+ characters
 * of its alphabet with at least one digit or capital, which tells it from a word such as
 * `-external`. A hash this misses is only revalidated, never cached for good.
 */
const hashedName = /[-.](?=[\w-]*[0-9A-Z])[\w-]{8,}\.(?:m?js|css)(?:\.map)?$/;

export interface WidgetAssetsOptions {
  /** The built widget's folder; by default dist/widget beside this package's server. */
  dir?: string;
  /** Names served `no-cache` with an ETag even if they look hashed. Default: the package's entries. */
  stableNames?: readonly string[];
}

const packageEntries = ['org-danger-zone.js', 'org-danger-zone.lit-external.js', 'react.js', 'index.js'];

type Encoding = 'br' | 'gzip' | 'identity';

interface Asset {
  mtimeMs: number;
  size: number;
  hash: string;
  raw: Uint8Array<ArrayBuffer>;
  br: Promise<Uint8Array<ArrayBuffer>>;
  gzip: Promise<Uint8Array<ArrayBuffer>>;
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** The best encoding the client accepts (RFC 9110 12.5.3): brotli, then gzip, then none. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';');
    if (!coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(coding.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gzipWeight = Math.max(weight('gzip'), weights.get('x-gzip') ?? 0);
  if (br > 0 && br >= gzipWeight) return 'br';
  if (gzipWeight > 0) return 'gzip';
  return br > 0 ? 'br' : 'identity';
}

function etagFor(hash: string, encoding: Encoding): string {
  return `"${hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
}

/** True when If-None-Match names this content in any of its encodings (a weak comparison). */
function matches(ifNoneMatch: string | undefined, hash: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '');
    return value === '*' || value.replace(/^"|"$/g, '').replace(/-(br|gzip)$/, '') === hash;
  });
}

export function widgetAssets(options: WidgetAssetsOptions = {}) {
  const dir = options.dir ?? defaultWidgetDir;
  const root = dir.endsWith(sep) ? dir : dir + sep;
  const stable = new Set(options.stableNames ?? packageEntries);
  const isImmutable = (file: string) => {
    const name = file.slice(file.lastIndexOf('/') + 1);
    return !stable.has(name.replace(/\.map$/, '')) && hashedName.test(name);
  };
  // This instance's files: compressed once each, replaced when the file on disk changes.
  const assets = new Map<string, Promise<Asset | null>>();

  const load = async (file: string): Promise<Asset | null> => {
    const path = join(root, file);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) {
      assets.delete(file);
      return null;
    }
    const cached = await assets.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
    const next = readFile(path).then((content): Asset => {
      const raw = new Uint8Array(content);
      const compressed = (run: Promise<Buffer>) => run.then((b) => new Uint8Array(b));
      const asset: Asset = {
        mtimeMs: info.mtimeMs,
        size: info.size,
        hash: createHash('sha256').update(raw).digest('base64url').slice(0, 27),
        raw,
        br: compressed(
          brotli(raw, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
              [zlib.BROTLI_PARAM_SIZE_HINT]: raw.byteLength,
            },
          }),
        ),
        gzip: compressed(gz(raw, { level: zlib.Z_BEST_COMPRESSION })),
      };
      // Unhandled until someone asks for that encoding; a failure then answers 500 like any other.
      asset.br.catch(() => undefined);
      asset.gzip.catch(() => undefined);
      return asset;
    });
    const entry = next.catch(() => null);
    assets.set(file, entry);
    return entry;
  };

  return new Hono().get('/*', async (c) => {
    // The path below wherever the host mounted this (`/widget/*`, `/dz/widget/*`, …).
    const mount = routePath(c).replace(/\*$/, '');
    let file = '';
    try {
      file = decodeURIComponent(new URL(c.req.url).pathname.slice(mount.length));
    } catch {
      refuse('not_found');
    }
    const extension = file.slice(file.lastIndexOf('.'));
    const contentType = contentTypes[extension];
    if (!contentType || !safePath.test(file)) refuse('not_found');
    const asset = await load(file);
    if (!asset) refuse('not_found', { message: `widget/${file} is missing (in ${dir}): run \`npm run build\`.` });

    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'Cache-Control': isImmutable(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etagFor(asset.hash, encoding),
      Vary: 'Accept-Encoding',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    };
    if (matches(c.req.header('if-none-match'), asset.hash)) return c.body(null, 304, headers);
    if (encoding === 'identity') return c.body(asset.raw, 200, headers);
    return c.body(await asset[encoding], 200, { ...headers, 'Content-Encoding': encoding });
  });
}
