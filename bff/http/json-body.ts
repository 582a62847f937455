/**
 * Request bodies: JSON only, bounded in size, validated by a zod schema (extra fields refused by
 * the schemas being strict). Anything else is 400 `invalid_request` in the spec's body, with the
 * zod issues as `issues`. A form or text/plain body is refused outright, never read as `{}`:
 * those are the bodies a cross-site form can send.
 */
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import type * as z from 'zod';
import { fail } from './errors.js';

export const MAX_BODY_BYTES = 16 * 1024;

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => fail('invalid_request', { message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` }),
});

export function jsonBody<Schema extends z.ZodType>(schema: Schema, options: { optional?: boolean } = {}) {
  return validator('json', async (value, c): Promise<z.output<Schema>> => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    if (!jsonMediaType.test(mediaType)) {
      // Only an endpoint whose body is optional accepts none at all.
      const empty = (await c.req.text()).length === 0 && !c.req.header('content-type');
      if (!(options.optional && empty)) fail('invalid_request', { message: 'Send the request body as application/json.' });
      value = {};
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      fail('invalid_request', {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    return parsed.data;
  });
}
