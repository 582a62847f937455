/**
 * The widget as the BFF serves it (bff/widget-assets.ts): compressed for whoever accepts it, the
 * entry revalidated by ETag, hashed chunks cached for good, nothing outside the built folder. A
 * folder of its own stands in for dist/widget, so this holds whatever the widget build emits.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { errorResponse, toDomainError } from '../../bff/http/errors.js';
import { defaultWidgetDir, negotiateEncoding, widgetAssets } from '../../bff/widget-assets.js';

const dir = mkdtempSync(join(tmpdir(), 'odz-widget-assets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = `import("./chunks/de-B4x9Qk1z.js");\n${'customElements.define("org-danger-zone", class extends HTMLElement {});\n'.repeat(200)}`;
const chunk = `export default { locale: "de" };\n${'// Gefahrenzone\n'.repeat(100)}`;
writeFileSync(join(dir, 'org-danger-zone.js'), entry);
writeFileSync(join(dir, 'org-danger-zone.js.map'), '{"version":3,"mappings":""}');
writeFileSync(join(dir, 'org-danger-zone.lit-external.js'), 'export {};');
writeFileSync(join(dir, 'notes.txt'), 'not served');
writeFileSync(join(dir, '.hidden.js'), 'not served');
mkdirSync(join(dir, 'chunks'));
writeFileSync(join(dir, 'chunks', 'de-B4x9Qk1z.js'), chunk);
writeFileSync(join(dir, 'odz-fr-Ab-_xyz1.js'), chunk);

// Mounted under a prefix, the way a host mounts the danger zone; errors answered as the BFF does.
const app = new Hono().route('/dz/widget', widgetAssets({ dir }));
app.onError((error, c) => {
  const known = toDomainError(error);
  if (!known) throw error;
  return errorResponse(c, known, new Date());
});
const get = (path: string, headers: Record<string, string> = {}) => app.request(`/dz/widget/${path}`, { headers });

describe('the widget assets', () => {
  it('answer brotli when it is accepted, gzip otherwise, and the file as it is otherwise', async () => {
    const br = await get('org-danger-zone.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect([br.status, br.headers.get('content-encoding'), br.headers.get('vary')]).toEqual([200, 'br', 'Accept-Encoding']);
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.length).toBeLessThan(entry.length / 5);
    expect(brotliDecompressSync(brBody).toString()).toBe(entry);

    const gzip = await get('org-danger-zone.js', { 'accept-encoding': 'gzip, deflate' });
    expect([gzip.status, gzip.headers.get('content-encoding'), gzip.headers.get('vary')]).toEqual([200, 'gzip', 'Accept-Encoding']);
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(entry);

    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('org-danger-zone.js', accept ? { 'accept-encoding': accept } : {});
      expect([plain.status, plain.headers.get('content-encoding'), plain.headers.get('vary')]).toEqual([200, null, 'Accept-Encoding']);
      expect(await plain.text()).toBe(entry);
    }
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // One ETag per representation, so a cache never hands gzip to a client that asked for brotli.
    expect(new Set([br.headers.get('etag'), gzip.headers.get('etag')]).size).toBe(2);
  });

  it('serve the stable entry no-cache with an ETag, and 304 while it is unchanged', async () => {
    const first = await get('org-danger-zone.js', { 'accept-encoding': 'br' });
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('org-danger-zone.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect([again.status, again.headers.get('etag'), again.headers.get('vary'), await again.text()]).toEqual([304, etag, 'Accept-Encoding', '']);
    // The same content in another encoding is the same file: still 304.
    expect((await get('org-danger-zone.js', { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(304);
    expect((await get('org-danger-zone.js', { 'if-none-match': '"something-else"' })).status).toBe(200);
    expect((await get('org-danger-zone.lit-external.js')).headers.get('cache-control')).toBe('no-cache');
  });

  it('serve a rebuilt entry at once (new content, new ETag)', async () => {
    const before = (await get('org-danger-zone.lit-external.js')).headers.get('etag');
    writeFileSync(join(dir, 'org-danger-zone.lit-external.js'), 'export const rebuilt = true;');
    const after = await get('org-danger-zone.lit-external.js', { 'if-none-match': before! });
    expect([after.status, await after.text()]).toEqual([200, 'export const rebuilt = true;']);
  });

  it('cache content-hashed chunks for a year, immutable', async () => {
    const res = await get('chunks/de-B4x9Qk1z.js', { 'accept-encoding': 'br' });
    expect([res.status, res.headers.get('cache-control'), res.headers.get('content-encoding')]).toEqual([200, 'public, max-age=31536000, immutable', 'br']);
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(chunk);
    expect((await get('odz-fr-Ab-_xyz1.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('org-danger-zone.js.map')).headers.get('content-type')).toBe('application/json');
  });

  it('answer 404 for anything outside the list', async () => {
    for (const path of ['notes.txt', '.hidden.js', 'missing.js', '../package.json', '..%2Fpackage.json', 'chunks/../../x.js', '%E0%A4%A.js', '']) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get('content-encoding')).toBeNull();
    }
  });

  it('find dist/widget from the sources (bff/ → ../dist/widget)', () => {
    expect(defaultWidgetDir.replaceAll('\\', '/')).toMatch(/\/dist\/widget\/$/);
    expect(defaultWidgetDir.replaceAll('\\', '/')).not.toMatch(/\/dist\/dist\//);
  });
});

describe('Accept-Encoding negotiation', () => {
  it('prefers brotli, honours q-values and *', () => {
    expect(negotiateEncoding('gzip, br')).toBe('br');
    expect(negotiateEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*, br;q=0')).toBe('gzip');
    expect(negotiateEncoding('deflate')).toBe('identity');
    expect(negotiateEncoding('')).toBe('identity');
  });
});
