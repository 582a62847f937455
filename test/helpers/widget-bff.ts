/**
 * The real BFF for the browser suites, built in the test runner's own process on a temp database
 * with the demo endpoints on, and a Koa middleware that hands `/api/*` requests to
 * it: the widget under test talks to it same-origin, with real cookies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { buildBff, type Bff } from '../../bff/runtime.js';
import { testConfig } from './bff.js';

interface KoaContext {
  path: string;
  url: string;
  method: string;
  host: string;
  protocol: string;
  req: IncomingMessage;
  status: number;
  body: unknown;
  set(name: string, value: string | string[]): void;
}

export interface BrowserBff {
  bff: Bff;
  middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
  close(): void;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startBrowserBff(origin: string, overrides: Parameters<typeof testConfig>[1] = {}): Promise<BrowserBff> {
  const dir = mkdtempSync(join(tmpdir(), 'odz-wtr-'));
  const bff = await buildBff(testConfig(dir, { baseURL: origin, TRUSTED_ORIGINS: [], ...overrides }));
  await bff.seedIfEmpty();
  return {
    bff,
    close() {
      bff.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async middleware(ctx, next) {
      if (!ctx.path.startsWith('/api/')) return next();
      const headers = new Headers();
      for (const [name, value] of Object.entries(ctx.req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const hasBody = !['GET', 'HEAD'].includes(ctx.method);
      const res = await bff.app.fetch(
        new Request(`${ctx.protocol}://${ctx.host}${ctx.url}`, {
          method: ctx.method,
          headers,
          body: hasBody ? new Uint8Array(await readBody(ctx.req)) : undefined,
        }),
      );
      ctx.status = res.status;
      res.headers.forEach((value, name) => {
        if (name !== 'set-cookie' && name !== 'content-length') ctx.set(name, value);
      });
      const cookies = res.headers.getSetCookie();
      if (cookies.length > 0) ctx.set('set-cookie', cookies);
      ctx.body = Buffer.from(await res.arrayBuffer());
    },
  };
}
