import { BlockList, isIP } from 'node:net';
import type { CidrRange } from '../env';

/**
 * The client's address, stamped on each request by lib/server/node-server-patches.ts (which sees
 * the socket; a route handler does not). Any incoming header of this name is deleted first, so
 * a client cannot choose its own address.
 */
export const CLIENT_ADDRESS_HEADER = 'x-ferry-client-address';

/** The stamped address; 'unknown' only when the server patches are not installed (e.g. unit tests). */
export function clientAddressOf(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) || 'unknown';
}

export function trustedProxyList(ranges: CidrRange[]): BlockList | null {
  if (ranges.length === 0) return null;
  const list = new BlockList();
  for (const range of ranges) list.addSubnet(range.address, range.prefix, range.family);
  return list;
}

/**
 * The socket address, unless it is a trusted proxy: then X-Forwarded-For is read from the right
 * (each proxy appends the address it saw) and the first address not itself a trusted proxy is the
 * client. Entries left of it were written by the client and are not believed.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList | null,
): string {
  let client = normalizeAddress(socketAddress ?? '') ?? 'unknown';
  if (!trusted || !forwardedFor || !isTrusted(trusted, client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((hop) => hop.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i] ?? '');
    // A hop that is not an address was not written by a proxy we trust: stop at the last good one.
    if (!hop) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}

function isTrusted(list: BlockList, address: string): boolean {
  const version = isIP(address);
  return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4, as dual-stack sockets report) becomes plain IPv4; null if not an address. */
function normalizeAddress(text: string): string | null {
  const address = text.trim().replace(/^\[(.*)\]$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  return isIP(address) === 0 ? null : address.toLowerCase();
}

/**
 * What the password throttle counts an address as: IPv4 as is, IPv6 by its /64, since one host
 * usually holds a whole /64 and could otherwise use a fresh address for every guess.
 */
export function throttleAddressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = address.includes('::') ? [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
