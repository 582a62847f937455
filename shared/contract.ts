/**
 * `org-danger-zone/contract`: the HTTP contract as zod schemas and types, for a host's own client,
 * tests or gateway. Every request and response body (schemas.ts), every code with its status and
 * default message, every route with its errors (routes.ts), the webhook payloads, and the OpenAPI
 * document made from all of it. Needs `zod` (a peer dependency); no server code.
 */
export * from './schemas.js';
export { errorCodes, reasonCodes, warningCodes, type ErrorCode, type ReasonCode, type WarningCode, type MessageCode } from './codes.js';
export { errorStatus } from './errors.js';
export { messages, type Message } from './messages.js';
export { routes, type Credential, type RouteContract, type RouteName } from './routes.js';
export { webhookEventTypes, webhookPayload, type WebhookData, type WebhookEventType, type WebhookPayload } from './webhooks.js';
export { openApiDocument, PACKAGE_VERSION, type OpenApiOptions } from './openapi.js';
