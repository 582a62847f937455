/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is `whsec_` + base64 of the key;
 * the signature is `v1,` + base64 of HMAC-SHA256(key, `${id}.${timestamp}.${body}`); a
 * `webhook-signature` header may carry several, space-separated (during a secret rotation). Any
 * Standard Webhooks library verifies what we send; `verifyWebhook` is ours, for hosts without one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new secret in the Standard Webhooks format: 24 random bytes. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  if (key.length < 16) throw new Error('A webhook secret must be whsec_ followed by base64 of at least 16 bytes.');
  return key;
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/**
 * Verifies a webhook as received: the three headers and the raw body, exactly as they arrived.
 * Refuses a missing header, a timestamp more than `toleranceSeconds` away from now (replays), and
 * a signature that matches none of the secrets. Returns the parsed body.
 */
export function verifyWebhook(
  secrets: string | readonly string[],
  headers: Headers | Record<string, string | undefined>,
  body: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): unknown {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()])) ?? undefined;
  const id = get('webhook-id');
  const timestamp = get('webhook-timestamp');
  const signatures = get('webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature.');
  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('The webhook timestamp is too old or too new.');
  }
  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const expected = Buffer.from(signWebhook(secret, id, seconds, body).slice(3), 'base64');
    if (offered.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected))) return JSON.parse(body) as unknown;
  }
  throw new WebhookVerificationError('No webhook signature matches.');
}
