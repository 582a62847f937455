/**
 * The client's address, for the audit log and the sign-in limit: the socket's peer, or behind
 * proxies the operator runs, the address the outermost trusted proxy saw.
 *
 * `X-Forwarded-For` is a list each proxy appends to, so only its right end can be trusted: the
 * leftmost entries are whatever the client sent (rotating them would evade every per-address limit
 * and forge audit IPs). The address is read from the right, past the configured proxies:
 * - a number N of trusted hops (`TRUST_PROXY=1`: one proxy in front, whose peer is the client);
 * - or trusted proxy addresses and ranges (`TRUST_PROXY=10.0.0.0/8,192.168.1.7`): every hop from
 *   the right that is one of them is skipped, and the first that is not is the client.
 * With nothing trusted (the default), the header is ignored.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/** false or 0: the socket's peer; a number: trusted hops; a list: trusted proxy addresses and CIDR ranges. */
export type TrustProxy = boolean | number | readonly string[];

export type ClientAddressResolver = (socketAddress: string | null | undefined, forwardedFor: string | null | undefined) => string | null;

/** `::ffff:192.0.2.1` (an IPv4 peer on a dual-stack socket) is `192.0.2.1`. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** A trusted proxy list as a BlockList; throws with the entry that is neither an address nor a CIDR range. */
export function trustedRanges(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" has an invalid prefix length`);
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}

function contains(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export function clientAddressResolver(trust: TrustProxy): ClientAddressResolver {
  const hops = trust === true ? 1 : trust === false ? 0 : typeof trust === 'number' ? trust : null;
  if (hops === 0) return (socket) => (socket ? plainAddress(socket) : null);
  const ranges = hops === null ? trustedRanges(trust as readonly string[]) : null;
  return (socket, forwardedFor) => {
    // The chain from the nearest hop outwards: the socket's peer, then X-Forwarded-For right to left.
    const chain = [socket ?? null, ...(forwardedFor ?? '').split(',').reverse()].map((hop) => (hop ? plainAddress(hop.trim()) : ''));
    let client = chain[0] || null;
    for (let i = 0; i < chain.length - 1; i++) {
      const trusted = ranges ? contains(ranges, chain[i]!) : i < hops!;
      if (!trusted) break;
      // What a trusted hop says it saw; anything that is not an address ends the walk there.
      const next = chain[i + 1]!;
      if (isIP(next) === 0) break;
      client = next;
    }
    return client;
  };
}

/**
 * The key a per-address limit counts under: an IPv6 client controls its whole /64 (one home
 * connection gets 2^64 addresses), so IPv6 counts per /64; IPv4 per address.
 */
export function limitKeyOf(address: string | null): string {
  if (!address) return 'unknown';
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.padStart(4, '0'))
    .join(':')}::/64`;
}

/**
 * How the address travels from the HTTP layer to the better-auth plugin: the danger zone's handler
 * (auth-handler.ts) sets it, with an HMAC under better-auth's secret, on every request it passes to
 * better-auth, after removing whatever the client sent under these names. The plugin believes the
 * address only with a valid proof, so a client of a host that mounts better-auth's handler itself
 * cannot choose its own address by sending the header.
 */
export const CLIENT_IP_HEADER = 'x-odz-client-ip';
export const CLIENT_IP_PROOF_HEADER = 'x-odz-client-ip-proof';

export function addressProof(secret: string, address: string): string {
  return createHmac('sha256', secret).update(`org-danger-zone client address\u0000${address}`).digest('base64url');
}

/** The address the danger zone's handler vouched for, or null (no header, or a proof that does not verify). */
export function provenAddress(headers: Headers, secret: string): string | null {
  const address = headers.get(CLIENT_IP_HEADER);
  const proof = headers.get(CLIENT_IP_PROOF_HEADER);
  if (!address || !proof) return null;
  const expected = Buffer.from(addressProof(secret, address));
  const given = Buffer.from(proof);
  return given.length === expected.length && timingSafeEqual(given, expected) ? address : null;
}
