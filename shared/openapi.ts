/**
 * The OpenAPI 3.1 document of the BFF, generated from the contract (routes.ts, schemas.ts,
 * webhooks.ts) and nothing else: a route added there is in the document, with its request, its
 * success answer and an answer per status listing every error code it can give. zod's own JSON
 * Schema output (draft 2020-12, which OpenAPI 3.1 uses) describes the bodies.
 *
 * The BFF serves it at `…/api/openapi.json` with its mount prefix as the server URL; the package
 * ships it as `org-danger-zone/openapi.json` (mounted at the root) and
 * `npx org-danger-zone openapi --prefix /dz` prints it for another prefix.
 */
import * as z from 'zod';
import { errorCodes, type ErrorCode } from './codes.js';
import { errorStatus } from './errors.js';
import { messages } from './messages.js';
import { routes, type RouteContract } from './routes.js';
import * as schemas from './schemas.js';
import { webhookEventTypes, webhookPayload, type WebhookEventType } from './webhooks.js';

/** This package's version (the document's `info.version`); a test holds it equal to package.json's. */
export const PACKAGE_VERSION = '0.1.0';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiOptions {
  /** Where the app is mounted, e.g. `/dz` or `https://bff.example.com/dz` (default `/`). */
  serverUrl?: string;
}

/** Response bodies worth a name: referenced from every operation that answers them. */
const namedSchemas = {
  DangerZoneState: schemas.dangerZoneState,
  Decision: schemas.decision,
  Person: schemas.person,
  OrgSummary: schemas.orgSummary,
  DeletionIntent: schemas.deletionIntentResponse,
  DeletionScheduled: schemas.deletionScheduledResponse,
  DeletionCancelled: schemas.deletionCancelledResponse,
  RoleChanged: schemas.roleChangeResponse,
  LegalHold: schemas.legalHoldResponse,
  ErrorBody: schemas.errorBody,
} satisfies Record<string, z.ZodType>;

const ref = (name: keyof typeof namedSchemas) => ({ $ref: `#/components/schemas/${name}` });

const schemaNames = new Map<z.ZodType, keyof typeof namedSchemas>(
  Object.entries(namedSchemas).map(([name, schema]) => [schema, name as keyof typeof namedSchemas]),
);

/** zod → JSON Schema (a named response body as a reference), without the keys of a standalone schema. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const name = io === 'output' ? schemaNames.get(schema) : undefined;
  if (name) return ref(name);
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    // A date-time's format says it; zod's 400-character pattern for it only obscures the document.
    override: ({ jsonSchema: js }) => {
      if (js.format === 'date-time') delete js.pattern;
    },
  }) as JsonObject;
  delete generated.$schema;
  delete generated.$id;
  return io === 'output' ? openResponses(generated) : generated;
}

/**
 * A response may gain fields in a later version, so response objects are not closed (zod marks
 * every stripped object `additionalProperties: false`); clients ignore what they do not know.
 */
function openResponses(schema: Json): JsonObject {
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const copy: JsonObject = {};
    for (const [key, value] of Object.entries(node)) if (!(key === 'additionalProperties' && value === false)) copy[key] = walk(value);
    return copy;
  };
  return walk(schema) as JsonObject;
}

function components(): JsonObject {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(namedSchemas)) registry.add(schema, { id });
  const { schemas: generated } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
    override: ({ jsonSchema: js }) => {
      if (js.format === 'date-time') delete js.pattern;
    },
  }) as { schemas: Record<string, JsonObject> };
  const out: JsonObject = {};
  for (const [id, schema] of Object.entries(generated)) {
    const { $schema: _s, $id: _i, ...rest } = schema;
    out[id] = openResponses(rest);
  }
  return out;
}

const header = (description: string, schema: JsonObject = { type: 'string' }): JsonObject => ({ description, schema });
const rateLimitHeaders: JsonObject = {
  'X-RateLimit-Limit': header('Requests allowed in the window.', { type: 'integer' }),
  'X-RateLimit-Remaining': header('Requests left in the window.', { type: 'integer' }),
  'X-RateLimit-Reset': header('When the window resets, in epoch seconds.', { type: 'integer' }),
};

/** The headers an error answer of this status carries. */
function errorHeaders(status: number, codes: readonly ErrorCode[], route: RouteContract): JsonObject {
  const headers: JsonObject = route.rateLimited ? { ...rateLimitHeaders } : {};
  if (codes.some((code) => ['cooldown_active', 'rate_limited', 'database_busy', 'idempotency_key_in_use'].includes(code))) {
    headers['Retry-After'] = header('Seconds to wait before trying again.', { type: 'integer' });
  }
  if (codes.includes('rate_limited')) {
    headers['RateLimit-Policy'] = header('The limit as the IETF RateLimit fields draft states it.');
    headers['RateLimit'] = header('What is left of it.');
  }
  if (status === 401) headers['WWW-Authenticate'] = header('`Bearer realm="org-danger-zone"` (RFC 6750), with `error="invalid_token"` for a bad token.');
  return headers;
}

function errorResponses(route: RouteContract): Record<string, JsonObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(route.errors)) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  const responses: Record<string, JsonObject> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const headers = errorHeaders(status, codes, route);
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\`: ${messages[code]({})}`).join(' '),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: {
        'application/json': {
          schema: { allOf: [ref('ErrorBody'), { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } }] },
        },
      },
    };
  }
  return responses;
}

function successResponse(route: RouteContract): Record<string, JsonObject> {
  const headers: JsonObject = { ...(route.rateLimited ? rateLimitHeaders : {}) };
  if (route.idempotent) headers['Idempotent-Replayed'] = header('`true` when this is the first answer to the same `Idempotency-Key`, replayed.');
  const withHeaders: JsonObject = Object.keys(headers).length > 0 ? { headers } : {};
  const { success } = route;
  if ('csv' in success) {
    return {
      '200': {
        description: 'CSV (RFC 4180, UTF-8, a header row), streamed, as an attachment.',
        ...withHeaders,
        content: { 'text/csv': { schema: { type: 'string' } } },
      },
    };
  }
  if (success.body === null) return { [String(success.status)]: { description: 'Done; no body.', ...withHeaders } };
  return {
    [String(success.status)]: {
      description: route.summary,
      ...withHeaders,
      content: { 'application/json': { schema: jsonSchema(success.body, 'output') } },
    },
  };
}

const securityFor: Record<RouteContract['credentials'][number], JsonObject[]> = {
  session: [{ sessionCookie: [] }, { sessionBearer: [] }],
  apiKey: [{ orgApiKey: [] }],
  managementToken: [{ managementToken: [] }],
};

function operation(name: string, route: RouteContract): JsonObject {
  const pathParameters = Object.entries(route.params.shape).map(([param, schema]) => ({
    name: param,
    in: 'path',
    required: true,
    schema: jsonSchema(schema as z.ZodType, 'input'),
  }));
  const idempotencyKey = route.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'A retry with the same key and body gets the first answer replayed; kept 24 hours.',
          schema: { type: 'string', maxLength: 255 },
        },
      ]
    : [];
  return {
    operationId: name,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
    security: route.credentials.flatMap((credential) => securityFor[credential]),
    parameters: [...pathParameters, ...idempotencyKey],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses: { ...successResponse(route), ...errorResponses(route) },
  };
}

const webhookSummaries: Record<WebhookEventType, string> = {
  'org.deletion_scheduled': 'An org entered its grace window',
  'org.deletion_cancelled': 'A pending deletion was cancelled',
  'org.deletion_expedited': 'An owner asked for a pending org to be purged now',
  'org.deleted': 'An org was purged',
  'member.left': 'A member left an org',
  'member.role_changed': "A member's role changed",
  'member.removed': "A member was removed through better-auth's remove-member",
  'ownership.offered': 'An owner offered ownership to a member',
  'ownership.accepted': 'A member accepted an offer of ownership and became an owner',
  'ownership.declined': 'A member declined an offer of ownership',
};

function webhooks(): JsonObject {
  const out: JsonObject = {};
  for (const type of webhookEventTypes) {
    const payload = webhookPayload.options.find((option) => option.shape.type.value === type)!;
    out[type] = {
      post: {
        operationId: `webhook:${type}`,
        summary: webhookSummaries[type],
        description:
          'Standard Webhooks: verify `webhook-signature` over `webhook-id.webhook-timestamp.body` (`verifyWebhook`), drop duplicates by `webhook-id`.',
        parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({
          name,
          in: 'header',
          required: true,
          schema: { type: 'string' },
        })),
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(payload, 'output') } } },
        responses: { '2XX': { description: 'Taken. Anything else (or no answer within 10 s) is retried with backoff, 12 attempts in all.' } },
      },
    };
  }
  return out;
}

export function openApiDocument(options: OpenApiOptions = {}): JsonObject {
  const componentSchemas = components();
  const paths: Record<string, JsonObject> = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteContract][]) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method]: operation(name, route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'org-danger-zone',
      version: PACKAGE_VERSION,
      summary: "The danger zone of an organization's settings: leave, delete after a grace window, cancel.",
      description:
        'Every error is `{"error": {"code", "message", …}}` with the fields its code names (`reasons`, `purgeAt`, `retryAfter`, `missing`, `issues`, `contacts`); each answer below lists its codes. ' +
        "Paths are relative to where the host mounts the app; better-auth's own endpoints live under `/api/auth/*` (see better-auth's documentation). " +
        `Error codes: ${errorCodes.length}.`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: options.serverUrl ?? '/', description: 'Where the app is mounted' }],
    tags: [
      { name: 'Danger zone', description: 'A signed-in member (better-auth session cookie, or `Authorization: Bearer <session token>`).' },
      { name: 'Exports', description: 'CSV downloads for owners and admins.' },
      { name: 'Management', description: 'Platform operators, with a management token (`npx org-danger-zone token create`).' },
    ],
    paths,
    webhooks: webhooks(),
    components: {
      schemas: componentSchemas,
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'better-auth.session_token',
          description: "better-auth's session cookie (its name follows your better-auth `advanced.cookiePrefix`).",
        },
        sessionBearer: { type: 'http', scheme: 'bearer', description: 'A better-auth session token (the bearer plugin; `set-auth-token` on sign-in).' },
        orgApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An org API key: reads its own org only.' },
        managementToken: { type: 'http', scheme: 'bearer', description: 'A management token (`odz_mgt_…`) with scopes.' },
      },
    },
  };
}
