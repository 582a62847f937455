/**
 * Request validation with `@hono/zod-validator`, every refusal in the spec's body from one
 * function (`refuseInvalid`): a malformed id in the path is 400 `invalid_uri`; a body that is not valid is 400
 * `invalid_request` with the zod issues. A body must be JSON: a form or text/plain body is refused
 * outright, never read as `{}` (those are the bodies a cross-site form can send). The routes keep
 * their types, so `hc<typeof app>` works for hosts and tests.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, Env, Input, MiddlewareHandler, ValidationTargets } from 'hono';
import type { InferInput } from 'hono/validator';
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

type Outcome = { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };

function refuseInvalid(result: Outcome, target: keyof ValidationTargets): void {
  if (result.success) return;
  if (target === 'param') refuse('invalid_uri');
  refuse('invalid_request', {
    issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  });
}

/**
 * zod parses synchronously here (our schemas have no async refinements): zod's async path and an
 * async hook cost a third of the state endpoint's time in a profile, for a path parameter. For the
 * same reason a path, query or header value is refused inside the parse, and only a JSON body,
 * whose media type is checked first, goes through zod-validator's (async) hook.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType, E extends Env, P extends string>(
  target: Target,
  schema: Schema,
): MiddlewareHandler<E, P, Validated<Target, Schema>> {
  const jsonHook = (result: Outcome, c: Context) => assertJsonBody(c).then(() => refuseInvalid(result, target));
  const middleware = zValidator(target, schema, target === 'json' ? (jsonHook as never) : undefined, {
    // The option's return type is a conditional on the generic schema (zod 3 or 4) that TypeScript
    // cannot resolve here; at run time it is exactly zod's safeParse result.
    validationFunction: (s, value) => {
      const result = (s as z.ZodType).safeParse(value);
      if (target !== 'json') refuseInvalid(result, target);
      return result as never;
    },
  });
  // Typed as what it does: every failure is thrown as the spec's error body, so the middleware adds
  // no zod failure answer (zod-validator's type for a hookless validator) to the route's types, and
  // `hc<App>` sees only the contract's answers.
  return middleware as unknown as MiddlewareHandler<E, P, Validated<Target, Schema>>;
}

/** What a validated target looks like to a client (`in`) and to the handler (`out`), as hono's own validator types it. */
interface Validated<Target extends keyof ValidationTargets, Schema extends z.ZodType> extends Input {
  in: { [K in Target]: K extends 'json' ? z.input<Schema> : InferInput<z.input<Schema>, K> };
  out: { [K in Target]: z.output<Schema> };
}

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => refuse('invalid_request', { message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` }),
});

/**
 * better-auth's bodies, before its handler parses them (the plugin's checks run after that): room
 * for every body it takes (a passkey's attestation is a few kB, every string is at most 2,048
 * characters), and none for a megabyte of JSON an anonymous caller sends to sign-up or a member
 * stores in an org's `metadata`.
 */
export const AUTH_MAX_BODY_BYTES = 64 * 1024;

export const limitAuthBody = bodyLimit({
  maxSize: AUTH_MAX_BODY_BYTES,
  onError: () => refuse('invalid_request', { message: `The request body is larger than ${AUTH_MAX_BODY_BYTES} bytes.` }),
});
