/**
 * Org API keys and management tokens: random, shown once, stored only as a SHA-256 hash. They are
 * 190+ random bits, so a plain hash (no salt, no slow KDF) is enough and keeps each check one
 * indexed lookup.
 */
import { createHash } from 'node:crypto';
import { randomBase62 } from './ids.js';

export const API_KEY_PREFIX = 'odz_key_';
export const MANAGEMENT_TOKEN_PREFIX = 'odz_mgt_';

export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new secret with its prefix (so it is recognisable in a leak scan), its hash, and what may be shown later. */
export function mintSecret(prefix: string, randomChars: number): { secret: string; hash: string; shownPrefix: string } {
  const secret = `${prefix}${randomBase62(randomChars)}`;
  return { secret, hash: hashSecret(secret), shownPrefix: secret.slice(0, prefix.length + 4) };
}
