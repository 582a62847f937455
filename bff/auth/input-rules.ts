/**
 * Names and every other string a request to better-auth carries, checked at the door (SPEC 8
 * "Names", issues 18.9 and 18.13): user names, org names and slugs within their lengths and free of
 * control, bidi and invisible characters (shared/names.ts decides); emails within 254 characters;
 * any other string within 2,048. better-auth's own limits stop at none of these (a 5 MB user name
 * was accepted, and every owner's state grew with it).
 *
 * Also (18.12): `organization/update` must name a field better-auth accepts; with only fields it
 * drops (the danger zone's own `status`, `purgeAt`…, or unknown ones) it reached the database with
 * nothing to set and answered 500.
 */
import { APIError } from 'better-auth/api';
import { messages } from '../../shared/messages.js';
import { EMAIL_MAX_LENGTH, FIELD_MAX_LENGTH, nameProblem, NAME_MAX_LENGTH, SLUG_MAX_LENGTH } from '../../shared/names.js';

interface Issue {
  path: string;
  message: string;
}

/** Fields that are names, wherever they sit in a body (`name`, `data.name`), and their limits. */
const nameFields: Record<string, number> = { name: NAME_MAX_LENGTH, displayUsername: NAME_MAX_LENGTH, username: SLUG_MAX_LENGTH, slug: SLUG_MAX_LENGTH };
/** Written only by the danger zone: never through better-auth's update. */
const ownFields = new Set(['status', 'deletionRequestedAt', 'deletionRequestedBy', 'purgeAt']);

function check(value: unknown, path: string, issues: Issue[], depth: number): void {
  if (issues.length >= 10 || depth > 6) return;
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (typeof value === 'string') {
    const nameMax = nameFields[key];
    const problem =
      nameMax !== undefined
        ? nameProblem(value, nameMax)
        : [...value].length > (/email$/i.test(key) ? EMAIL_MAX_LENGTH : FIELD_MAX_LENGTH)
          ? `must be at most ${/email$/i.test(key) ? EMAIL_MAX_LENGTH : FIELD_MAX_LENGTH} characters`
          : null;
    if (problem) issues.push({ path, message: problem });
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => check(v, `${path}.${i}`, issues, depth + 1));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) check(v, path ? `${path}.${k}` : k, issues, depth + 1);
}

function refuse(issues: Issue[]): never {
  const body = { code: 'invalid_request', message: messages.invalid_request({}), issues };
  throw new APIError('BAD_REQUEST', { ...body, error: body });
}

export function checkInput(ctx: { path?: string | undefined; body?: unknown; query?: unknown }): void {
  const issues: Issue[] = [];
  check(ctx.body, '', issues, 0);
  check(ctx.query, '', issues, 0);
  if (ctx.path === '/organization/update') {
    const data = (ctx.body as { data?: unknown } | undefined)?.data;
    const fields = data && typeof data === 'object' ? Object.keys(data) : [];
    for (const field of fields.filter((f) => ownFields.has(f))) issues.push({ path: `data.${field}`, message: 'is written only by the danger zone' });
    if (fields.length === 0) issues.push({ path: 'data', message: 'must name at least one field to change' });
  }
  if (issues.length > 0) refuse(issues);
}
