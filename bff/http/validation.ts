/**
 * Request validation with `@hono/zod-validator` and one hook that answers in the spec's body:
 * a malformed id in the path is 400 `invalid_uri`; a body that is not valid is 400
 * `invalid_request` with the zod issues. A body must be JSON: a form or text/plain body is refused
 * outright, never read as `{}` (those are the bodies a cross-site form can send). The routes keep
 * their types, so `hc<typeof app>` works for hosts and tests.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type * as z from 'zod';
import { refuse } from '../domain-error.js';

export const MAX_BODY_BYTES = 16 * 1024;

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

async function assertJsonBody(c: Context): Promise<void> {
  const contentType = c.req.header('content-type');
  if (contentType === undefined ? (await c.req.text()).length > 0 : !jsonMediaType.test(contentType.split(';')[0]!.trim())) {
    refuse('invalid_request', { message: 'Send the request body as application/json.' });
  }
}

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, async (result, c) => {
    if (target === 'json') await assertJsonBody(c);
    if (result.success) return;
    if (target === 'param') refuse('invalid_uri');
    refuse('invalid_request', {
      issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  });
}

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => refuse('invalid_request', { message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` }),
});
