import { BlockList, isIP } from 'node:net';

/**
 * Which addresses Ferry may connect to when it talks to clusters, registries and token servers.
 * Pure: the policy is data, the checks are functions of it; lib/net/outbound-agent.ts applies it
 * to every resolved address.
 */
export type OutboundRule = { kind: 'cidr'; text: string; list: BlockList } | { kind: 'host'; name: string };
export type OutboundPolicy = {
  allow: OutboundRule[];
  deny: OutboundRule[];
};
export type OutboundVerdict = { allowed: true } | { allowed: false; address: string; because: string };

/** Link-local (cloud metadata lives at 169.254.169.254 and 169.254.170.2) and AWS's IPv6 metadata address. */
const BUILT_IN_DENY = ['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::254/128'] as const;
const BUILT_IN_REASON = 'link-local/metadata';

const HOST_NAME = /^\.?[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

function normalizeHost(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** Strips an IPv6 zone (fe80::1%eth0): the zone picks an interface, not an address. */
function bareAddress(address: string): string {
  return normalizeHost(address).replace(/%.*$/, '');
}

/** Parses one CIDR (`10.0.0.0/8`, `fd00::/8`) or single address (`127.0.0.2` = /32, `::1` = /128). */
function parseCidr(text: string): OutboundRule | { error: string } {
  const [base = '', prefixText, ...extra] = text.split('/');
  const address = bareAddress(base);
  const family = isIP(address);
  if (family === 0 || extra.length > 0) return { error: `'${text}' is neither an address, a CIDR nor a host name` };
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? String(bits)) || prefix > bits) {
    return { error: `'${text}' has a prefix length outside 0-${bits}` };
  }
  const list = new BlockList();
  list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return { kind: 'cidr', text, list };
}

/**
 * Parses a comma-separated list of CIDRs, addresses and host names. A host name matches itself;
 * a name starting with a dot (`.corp.example`) matches every name under it.
 */
export function parseOutboundList(text: string): OutboundRule[] | { error: string } {
  const rules: OutboundRule[] = [];
  for (const entry of text.split(',').map((e) => e.trim())) {
    if (!entry) continue;
    const host = normalizeHost(entry);
    if (isIP(bareAddress(entry.split('/')[0] ?? '')) !== 0) {
      const rule = parseCidr(entry);
      if ('error' in rule) return rule;
      rules.push(rule);
    } else if (!entry.includes('/') && HOST_NAME.test(host)) {
      rules.push({ kind: 'host', name: host });
    } else {
      return { error: `'${entry}' is neither an address, a CIDR nor a host name` };
    }
  }
  return rules;
}

/** The policy in force: the built-in denials plus the operator's lists (which must already be parsed). */
export function outboundPolicy(lists: { allow?: OutboundRule[]; deny?: OutboundRule[] } = {}): OutboundPolicy {
  const builtIn = parseOutboundList(BUILT_IN_DENY.join(','));
  if ('error' in builtIn) throw new Error(builtIn.error);
  return { allow: lists.allow ?? [], deny: [...builtIn, ...(lists.deny ?? [])] };
}

function matches(rule: OutboundRule, address: string, family: number, hostname: string | undefined): boolean {
  if (rule.kind === 'host') {
    if (!hostname) return false;
    return rule.name.startsWith('.') ? hostname.endsWith(rule.name) : hostname === rule.name;
  }
  // BlockList matches IPv4 rules against IPv4-mapped IPv6 addresses (::ffff:169.254.169.254) too.
  return rule.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function ruleLabel(rule: OutboundRule): string {
  if (rule.kind === 'host') return `FERRY_OUTBOUND_DENY ${rule.name}`;
  return (BUILT_IN_DENY as readonly string[]).includes(rule.text) ? BUILT_IN_REASON : `FERRY_OUTBOUND_DENY ${rule.text}`;
}

/**
 * Decides one connection: `address` is the resolved IP Ferry is about to connect to, `hostname`
 * the name the URL gave (if any). An allow rule wins over any deny rule; anything else is
 * allowed. Something that is not an IP address is refused.
 */
export function checkAddress(address: string, policy: OutboundPolicy, hostname?: string): OutboundVerdict {
  const ip = bareAddress(address);
  const family = isIP(ip);
  if (family === 0) return { allowed: false, address, because: 'not an IP address' };
  const name = hostname === undefined ? undefined : normalizeHost(hostname);
  if (policy.allow.some((rule) => matches(rule, ip, family, name))) return { allowed: true };
  const denied = policy.deny.find((rule) => matches(rule, ip, family, name));
  return denied ? { allowed: false, address: ip, because: ruleLabel(denied) } : { allowed: true };
}

export function isAddressAllowed(address: string, policy: OutboundPolicy, hostname?: string): boolean {
  return checkAddress(address, policy, hostname).allowed;
}

export function refusalMessage(verdict: Extract<OutboundVerdict, { allowed: false }>): string {
  return `outbound policy refuses ${verdict.address} (${verdict.because}); set FERRY_OUTBOUND_ALLOW to permit it`;
}

/**
 * Decides a URL's host before any lookup (when a URL is saved): an address literal as
 * `checkAddress` does, a host name against the host-name rules only. The addresses a name resolves
 * to are checked again at every connection (lib/net/outbound-agent.ts).
 */
export function checkHost(host: string, policy: OutboundPolicy): OutboundVerdict {
  const name = normalizeHost(host);
  if (isIP(bareAddress(name)) !== 0) return checkAddress(name, policy);
  if (policy.allow.some((rule) => rule.kind === 'host' && matches(rule, '', 0, name))) return { allowed: true };
  const denied = policy.deny.find((rule) => rule.kind === 'host' && matches(rule, '', 0, name));
  return denied ? { allowed: false, address: name, because: ruleLabel(denied) } : { allowed: true };
}
