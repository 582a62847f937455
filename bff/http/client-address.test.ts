import { describe, expect, it } from 'vitest';
import { clientAddressResolver, limitKeyOf, trustedRanges } from './client-address.js';

describe('clientAddressResolver', () => {
  it('trusts nothing by default: the socket is the client, X-Forwarded-For is ignored', () => {
    const resolve = clientAddressResolver(false);
    expect(resolve('203.0.113.1', '6.6.6.6')).toBe('203.0.113.1');
    expect(resolve('::ffff:203.0.113.1', undefined)).toBe('203.0.113.1');
  });

  it('with N hops, reads N entries in from the right (the socket is the first)', () => {
    expect(clientAddressResolver(1)('10.0.0.2', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressResolver(true)('10.0.0.2', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressResolver(2)('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.1')).toBe('203.0.113.9');
    // Fewer entries than hops: the furthest one there is.
    expect(clientAddressResolver(3)('10.0.0.2', '203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressResolver(1)('10.0.0.2', undefined)).toBe('10.0.0.2');
  });

  it('with ranges, skips trusted hops from the right; an untrusted peer makes the header worthless', () => {
    const resolve = clientAddressResolver(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    expect(resolve('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.1.1.1')).toBe('203.0.113.9');
    expect(resolve('192.168.1.7', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(resolve('fd00::1', '2001:db8::5')).toBe('2001:db8::5');
    expect(resolve('203.0.113.1', '6.6.6.6')).toBe('203.0.113.1');
    expect(resolve('10.0.0.2', '10.0.0.3, 10.0.0.4')).toBe('10.0.0.3');
  });

  it('stops at an entry that is not an address', () => {
    expect(clientAddressResolver(2)('10.0.0.2', 'evil, not-an-ip, 203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressResolver(1)('10.0.0.2', 'garbage')).toBe('10.0.0.2');
  });

  it('refuses a malformed trusted range', () => {
    expect(() => trustedRanges(['10.0.0.0/33'])).toThrow(/prefix/);
    expect(() => trustedRanges(['proxy.internal'])).toThrow(/not an IP/);
  });
});

describe('limitKeyOf', () => {
  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(limitKeyOf('203.0.113.9')).toBe('203.0.113.9');
    expect(limitKeyOf('2001:db8:1:2:3:4:5:6')).toBe('2001:0db8:0001:0002::/64');
    expect(limitKeyOf('2001:db8:1:2::9')).toBe('2001:0db8:0001:0002::/64');
    expect(limitKeyOf('2001:db8::1')).toBe('2001:0db8:0000:0000::/64');
    expect(limitKeyOf(null)).toBe('unknown');
  });
});
