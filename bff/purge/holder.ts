import { hostname } from 'node:os';
import { randomBase62 } from '../ids.js';

/** A purge runner's name on its lease: the host, the process, and a random part, unique per runner. */
export function purgeHolderName(suffix = ''): string {
  return `${hostname()}:${process.pid}:${randomBase62(6)}${suffix}`;
}
