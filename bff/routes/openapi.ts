/**
 * `GET …/api/openapi.json`: the OpenAPI document, its server URL where this request says the app
 * is mounted (`/dz/api/openapi.json` → `/dz`), so a client generated from it calls the right paths.
 * Made once per prefix and app.
 */
import type { Context } from 'hono';
import { openApiDocument } from '../../shared/openapi.js';

const SUFFIX = '/api/openapi.json';

export function openApiRoute() {
  const byPrefix = new Map<string, string>();
  return (c: Context) => {
    const prefix = c.req.path.endsWith(SUFFIX) ? c.req.path.slice(0, -SUFFIX.length) : '';
    let json = byPrefix.get(prefix);
    if (json === undefined) {
      json = JSON.stringify(openApiDocument({ serverUrl: prefix || '/' }));
      if (byPrefix.size < 16) byPrefix.set(prefix, json);
    }
    return c.body(json, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' });
  };
}
