/**
 * Reads who is calling from the request, without a database round trip: a better-auth session
 * (signed cookie, or `Authorization: Bearer` with the session token, signed or raw, as better-auth's
 * bearer plugin accepts it), an org API key (`x-api-key`), or a management token (Bearer `odz_mgt_…`).
 * The lookup of what a credential stands for happens in the one query of each endpoint.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MANAGEMENT_TOKEN_PREFIX } from '../secrets.js';

export type Credential = { kind: 'session'; token: string } | { kind: 'apiKey'; key: string } | { kind: 'managementToken'; token: string } | { kind: 'none' };

export interface SessionCookieConfig {
  secret: string;
  cookieName: string;
}

/**
 * Signed values already verified, so a session's every request does not pay for an HMAC. The
 * signature is deterministic, so a value that verified once always will (per secret). One per app
 * instance.
 */
export class VerifiedSignatures {
  readonly #entries = new Map<string, string>();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  /** better-call's signed cookie value: `<token>.<base64 HMAC-SHA256 of the token>`. */
  verify(value: string, secret: string): string | null {
    const key = `${secret}\u0000${value}`;
    const known = this.#entries.get(key);
    if (known) return known;
    const token = checkSignature(value, secret);
    if (token) {
      if (this.#entries.size >= this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
      this.#entries.set(key, token);
    }
    return token;
  }
}

function checkSignature(value: string, secret: string): string | null {
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1), 'base64');
  const expected = createHmac('sha256', secret).update(token).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? token : null;
}

/**
 * Whether a header, not a cookie, is what `readCredential` takes the credential from: a Bearer
 * `Authorization` or an `x-api-key`. Any other `Authorization` (Basic, Digest, a bare "bearer") is
 * ignored and the cookie is read, so such a request is a cookie request for CSRF's purposes.
 */
export function authenticatesByHeader(headers: { get(name: string): string | null | undefined }): boolean {
  const authorization = headers.get('authorization');
  return Boolean((authorization && /^bearer /i.test(authorization)) || headers.get('x-api-key'));
}

export function readCredential(headers: Headers, config: SessionCookieConfig, verified: VerifiedSignatures): Credential {
  const authorization = headers.get('authorization');
  if (authorization && /^bearer /i.test(authorization)) {
    const value = authorization.slice(7).trim();
    if (value.startsWith(MANAGEMENT_TOKEN_PREFIX)) return { kind: 'managementToken', token: value };
    const decoded = value.includes('%') ? safeDecode(value) : value;
    const token = decoded.includes('.') ? verified.verify(decoded, config.secret) : decoded;
    return token ? { kind: 'session', token } : { kind: 'none' };
  }
  const apiKey = headers.get('x-api-key');
  if (apiKey) return { kind: 'apiKey', key: apiKey };
  const header = headers.get('cookie');
  const cookie = header ? (cookieValue(header, config.cookieName) ?? cookieValue(header, `__Secure-${config.cookieName}`)) : undefined;
  if (cookie) {
    const token = verified.verify(cookie, config.secret);
    if (token) return { kind: 'session', token };
  }
  return { kind: 'none' };
}

/**
 * One cookie's value from a Cookie header, URL-decoded: the session cookie is all we read, so the
 * rest of the header is not parsed (it was a measurable share of the state endpoint's time).
 */
function cookieValue(header: string, name: string): string | undefined {
  for (let start = 0; start < header.length;) {
    const end = header.indexOf(';', start);
    const pair = header.slice(start, end === -1 ? header.length : end).trim();
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === name) {
      const raw = pair.slice(eq + 1);
      return safeDecode(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
    }
    if (end === -1) break;
    start = end + 1;
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
