/**
 * What a domain module throws when a rule or a fact says no: a spec error code with the fields
 * the code names (`reasons`, `purgeAt`, `retryAfter`, `missing`, …). Domain modules know nothing
 * of HTTP; the one `onError` of the app (http/errors.ts) turns this into the spec's response.
 */
import type { ErrorCode } from '../shared/codes.js';
import type { RateLimitState } from './rate-limit/rate-limit.js';

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Fields of the error body beyond `code` and `message`. */
  readonly fields: Record<string, unknown>;
  /** A rate-limited action's counter as it stands after this refusal (its response carries it). */
  readonly rateLimit: RateLimitState | undefined;

  constructor(code: ErrorCode, fields: Record<string, unknown> & { message?: string } = {}, rateLimit?: RateLimitState) {
    const { message, ...rest } = fields;
    super(message ?? code);
    this.name = 'DomainError';
    this.code = code;
    this.fields = message === undefined ? rest : { message, ...rest };
    this.rateLimit = rateLimit;
  }
}

/** Throws the refusal of `code`; `never`, so it reads as a guard in expressions. */
export function refuse(code: ErrorCode, fields?: Record<string, unknown> & { message?: string }, rateLimit?: RateLimitState): never {
  throw new DomainError(code, fields, rateLimit);
}
