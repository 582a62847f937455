/**
 * The HTTP contract (shared/routes.ts) and the OpenAPI document made from it (issue 19): the app
 * serves exactly the contract's routes, the document is valid OpenAPI 3.1 with every route, body and
 * error code, and the BFF serves it with the host's mount prefix. (Every answer of the BFF suite is
 * also held to the contract: test/helpers/contract-check.ts.)
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../bff/app.js';
import { openApiDocument, PACKAGE_VERSION } from '../../shared/openapi.js';
import { errorStatus } from '../../shared/errors.js';
import { routes, type RouteContract } from '../../shared/routes.js';
import { webhookEventTypes } from '../../shared/webhooks.js';
import { TEST_BASE_URL, useTestBff } from '../helpers/bff.js';

const bff = useTestBff();
const contract = Object.entries(routes as Record<string, RouteContract>);

interface Operation {
  operationId: string;
  requestBody?: unknown;
  responses: Record<
    string,
    { content?: Record<string, { schema: { allOf?: [unknown, { properties: { error: { properties: { code: { enum: string[] } } } } }] } }> }
  >;
}

describe('the contract', () => {
  it('is exactly the routes the app serves: a route without an entry, or an entry without a route, fails here', () => {
    // The app as a host mounts it, without the standalone server's demo and widget routes.
    const app = createApp({ database: bff.database, auth: bff.auth });
    const served = new Set(app.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*')).map((r) => `${r.method.toLowerCase()} ${r.path}`));
    const declared = new Set(contract.map(([, route]) => `${route.method} ${route.path}`));
    expect([...served].filter((r) => !declared.has(r))).toEqual([]);
    expect([...declared].filter((r) => !served.has(r))).toEqual([]);
  });

  it('makes a valid OpenAPI 3.1 document with every route, request body, success answer and error code', async () => {
    const document = openApiDocument({ serverUrl: '/dz' });
    const result = await new Validator().validate(document as never);
    expect([result.valid, result.errors]).toEqual([true, undefined]);
    expect(document.info).toMatchObject({ version: PACKAGE_VERSION });
    const paths = document.paths as unknown as Record<string, Record<string, Operation>>;
    for (const [name, route] of contract) {
      const operation = paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      expect([name, operation?.operationId]).toEqual([name, name]);
      expect([name, Boolean(operation!.requestBody)]).toEqual([name, Boolean(route.body)]);
      expect(operation!.responses[String(route.success.status)]).toBeDefined();
      for (const code of route.errors) {
        const codes = operation!.responses[String(errorStatus[code])]?.content?.['application/json']?.schema.allOf?.[1].properties.error.properties.code.enum;
        expect([name, code, codes?.includes(code)]).toEqual([name, code, true]);
      }
    }
    expect(Object.keys(document.webhooks as object)).toEqual([...webhookEventTypes]);
  });

  it('is served at …/api/openapi.json with the mount prefix as its server, at the root and under /dz', async () => {
    const root = await bff.request('/api/openapi.json');
    expect([root.status, ((await root.json()) as { servers: { url: string }[] }).servers[0]!.url]).toEqual([200, '/']);
    const host = new Hono().route('/dz', bff.app);
    const mounted = await host.request(`${TEST_BASE_URL}/dz/api/openapi.json`);
    const document = (await mounted.json()) as { servers: { url: string }[]; paths: Record<string, unknown> };
    expect([mounted.status, document.servers[0]!.url]).toEqual([200, '/dz']);
    expect(Object.keys(document.paths)).toContain('/api/orgs/{orgId}/danger-zone');
  });

  it("states the package's version", () => {
    expect(PACKAGE_VERSION).toBe((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
  });
});
