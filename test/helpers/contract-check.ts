/**
 * Holds every answer of the BFF suite to the contract (shared/routes.ts), which the OpenAPI
 * document is made from: an answer of a contract route must be its success status with a body its
 * schema accepts, or one of the error codes the route declares, in the spec's error body. A test
 * whose request gets anything else fails right there, naming the route, so the document can never
 * leave out an answer that the suite has seen.
 */
import type * as z from 'zod';
import { routes, type RouteContract } from '../../shared/routes.js';
import { errorBody } from '../../shared/schemas.js';

const matchers = Object.entries(routes as Record<string, RouteContract>).map(([name, route]) => ({
  name,
  route,
  pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')}$`),
}));

export function routeFor(method: string, path: string): { name: string; route: RouteContract } | undefined {
  return matchers.find((m) => m.route.method === method.toLowerCase() && m.pattern.test(path));
}

/** Why this answer breaks the contract, or null when it keeps it. */
export async function contractViolation(request: Request, response: Response): Promise<string | null> {
  const url = new URL(request.url);
  const match = routeFor(request.method, url.pathname);
  if (!match) return null;
  const { name, route } = match;
  const where = `${request.method} ${url.pathname} (${name})`;
  const text = await response.clone().text();
  if (response.status === route.success.status) {
    if ('csv' in route.success) return response.headers.get('content-type')?.startsWith('text/csv') ? null : `${where}: a CSV answer without text/csv`;
    if (route.success.body === null) return text === '' ? null : `${where}: ${response.status} with a body`;
    const parsed = (route.success.body as z.ZodType).safeParse(JSON.parse(text));
    return parsed.success ? null : `${where}: the ${response.status} body does not match the contract: ${parsed.error.message}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${where}: ${response.status} is not the success status and not the spec's error body: ${text.slice(0, 200)}`;
  }
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) return `${where}: ${response.status} is not the spec's error body: ${text.slice(0, 200)}`;
  const { code } = parsed.data.error;
  return route.errors.includes(code) ? null : `${where}: answered ${response.status} \`${code}\`, which the contract does not declare for this route`;
}
