import { describe, expect, it } from 'vitest';
import { parseCidr } from '../env';
import { resolveClientAddress, throttleAddressKey, trustedProxyList } from './client-address';

const proxies = (...cidrs: string[]) => trustedProxyList(cidrs.map((c) => parseCidr(c) ?? { address: 'bad', prefix: 0, family: 'ipv4' }));

describe('resolveClientAddress', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(resolveClientAddress('203.0.113.9', '10.0.0.1', null)).toBe('203.0.113.9');
    expect(resolveClientAddress('::ffff:127.0.0.1', '10.0.0.1', null)).toBe('127.0.0.1');
  });

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', () => {
    expect(resolveClientAddress('203.0.113.9', '10.0.0.1', proxies('127.0.0.1/32'))).toBe('203.0.113.9');
  });

  it('takes the rightmost address that is not a trusted proxy', () => {
    const trusted = proxies('127.0.0.1', '10.0.0.0/8');
    expect(resolveClientAddress('127.0.0.1', '1.1.1.1, 198.51.100.7, 10.1.2.3', trusted)).toBe('198.51.100.7');
    expect(resolveClientAddress('::ffff:127.0.0.1', ['1.1.1.1', '198.51.100.8'], trusted)).toBe('198.51.100.8');
  });

  it('stops at a hop that is not an address', () => {
    expect(resolveClientAddress('127.0.0.1', 'evil, garbage', proxies('127.0.0.1'))).toBe('127.0.0.1');
  });

  it('takes the leftmost when every hop is a trusted proxy', () => {
    expect(resolveClientAddress('127.0.0.1', '10.0.0.5, 10.0.0.6', proxies('127.0.0.1', '10.0.0.0/8'))).toBe('10.0.0.5');
  });

  it('understands IPv6 proxies', () => {
    expect(resolveClientAddress('::1', '2001:db8::5', proxies('::1/128'))).toBe('2001:db8::5');
  });
});

describe('throttleAddressKey', () => {
  it('keeps IPv4 and folds IPv6 to its /64', () => {
    expect(throttleAddressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(throttleAddressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleAddressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(throttleAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('parseCidr', () => {
  it('accepts addresses and CIDRs and refuses the rest', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('example.com')).toBeNull();
    expect(parseCidr('10.0.0.0/8/1')).toBeNull();
  });
});
