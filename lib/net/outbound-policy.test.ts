import { describe, expect, it } from 'vitest';
import {
  checkAddress,
  checkHost,
  isAddressAllowed,
  type OutboundRule,
  outboundPolicy,
  parseOutboundList,
  refusalMessage,
} from './outbound-policy';

function rules(text: string): OutboundRule[] {
  const parsed = parseOutboundList(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}
const defaults = outboundPolicy();

/** Each address in `allowed` passes `policy` and each in `denied` is refused; a failure names the address. */
function expectVerdicts(
  policy: ReturnType<typeof outboundPolicy>,
  { allowed = [], denied = [] }: { allowed?: string[]; denied?: string[] },
) {
  for (const address of allowed) expect(isAddressAllowed(address, policy), address).toBe(true);
  for (const address of denied) expect(isAddressAllowed(address, policy), address).toBe(false);
}

describe('isAddressAllowed with the default policy', () => {
  it('refuses IPv4 link-local and the metadata address, at both edges of 169.254.0.0/16', () => {
    expectVerdicts(defaults, {
      denied: ['169.254.169.254', '169.254.170.2', '169.254.0.0', '169.254.255.255'],
      allowed: ['169.253.255.255', '169.255.0.0'],
    });
  });

  it('refuses IPv4-mapped IPv6 forms of the metadata address', () => {
    expectVerdicts(defaults, {
      denied: ['::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '[::ffff:169.254.169.254]'],
      allowed: ['::ffff:127.0.0.1'],
    });
  });

  it('refuses IPv6 link-local fe80::/10 (with or without a zone) and AWS fd00:ec2::254', () => {
    expectVerdicts(defaults, {
      denied: ['fe80::1', 'FE80::1', 'fe80::1%eth0', 'febf:ffff::1', 'fd00:ec2::254', 'fd00:ec2:0::254'],
      allowed: ['fec0::1', 'fe7f::1', 'fd00:ec2::253', 'fd00:ec2::255'],
    });
  });

  it('allows loopback and private ranges (on-prem registries)', () => {
    expectVerdicts(defaults, { allowed: ['127.0.0.1', '127.0.0.2', '::1', '10.1.2.3', '172.16.0.1', '192.168.1.1', 'fd12::1', '8.8.8.8'] });
  });

  it('refuses what is not an IP address', () => {
    expectVerdicts(defaults, { denied: ['registry.example', '', '999.1.1.1'] });
  });
});

describe('operator lists', () => {
  it('denies a CIDR at its edges only', () => {
    expectVerdicts(outboundPolicy({ deny: rules('10.0.0.0/8, 127.0.0.2') }), {
      denied: ['10.0.0.0', '10.255.255.255', '127.0.0.2', '::ffff:10.9.9.9'],
      allowed: ['11.0.0.0', '9.255.255.255', '127.0.0.1'],
    });
  });

  it('denies loopback when asked, IPv4 and IPv6', () => {
    expectVerdicts(outboundPolicy({ deny: rules('127.0.0.0/8,::1/128') }), {
      denied: ['127.0.0.1', '127.255.255.255', '::1'],
      allowed: ['::2'],
    });
  });

  it('lets an allow entry override the built-in denial', () => {
    expectVerdicts(outboundPolicy({ allow: rules('169.254.169.254/32') }), { allowed: ['169.254.169.254'], denied: ['169.254.169.253'] });
  });

  it('matches host names exactly, and a leading dot matches the names under a domain', () => {
    const policy = outboundPolicy({ deny: rules('Registry.Corp.Example.,.internal'), allow: rules('metadata.trusted') });
    expect(isAddressAllowed('10.0.0.1', policy, 'registry.corp.example')).toBe(false);
    expect(isAddressAllowed('10.0.0.1', policy, 'REGISTRY.corp.example.')).toBe(false);
    expect(isAddressAllowed('10.0.0.1', policy, 'other.corp.example')).toBe(true);
    expect(isAddressAllowed('10.0.0.1', policy, 'a.b.internal')).toBe(false);
    expect(isAddressAllowed('10.0.0.1', policy, 'internal')).toBe(true);
    expect(isAddressAllowed('10.0.0.1', policy)).toBe(true);
    // A name the operator allowed may resolve into a denied range.
    expect(isAddressAllowed('169.254.169.254', policy, 'metadata.trusted')).toBe(true);
    expect(isAddressAllowed('169.254.169.254', policy, 'metadata.untrusted')).toBe(false);
  });

  it('refuses malformed entries with a reason', () => {
    for (const text of ['10.0.0.0/33', '::/129', '10.0.0.0/8/1', '10.0.0.0/x', 'bad host', 'a/b', '-x.example']) {
      expect(parseOutboundList(text), text).toHaveProperty('error');
    }
    expect(parseOutboundList(' , ')).toEqual([]);
    expect(parseOutboundList('0.0.0.0/0')).not.toHaveProperty('error');
  });
});

describe('refusalMessage', () => {
  it('names the address, the reason and the variable that permits it', () => {
    const verdict = checkAddress('169.254.169.254', defaults);
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(refusalMessage(verdict)).toBe(
      'outbound policy refuses 169.254.169.254 (link-local/metadata); set FERRY_OUTBOUND_ALLOW to permit it',
    );
    const operator = checkAddress('127.0.0.2', outboundPolicy({ deny: rules('127.0.0.2/32') }));
    if (operator.allowed) throw new Error('expected a refusal');
    expect(refusalMessage(operator)).toContain('(FERRY_OUTBOUND_DENY 127.0.0.2/32)');
  });
});

describe('checkHost', () => {
  it('checks an address literal (bracketed IPv6 too) and a host name against the name rules, without a lookup', () => {
    const policy = outboundPolicy({ deny: rules('127.0.0.2/32,.corp.example'), allow: rules('ok.corp.example') });
    expect(checkHost('127.0.0.2', policy)).toMatchObject({ allowed: false, because: 'FERRY_OUTBOUND_DENY 127.0.0.2/32' });
    expect(checkHost('[fe80::1]', policy)).toMatchObject({ allowed: false, because: 'link-local/metadata' });
    expect(checkHost('127.0.0.1', policy)).toEqual({ allowed: true });
    expect(checkHost('Build.Corp.Example.', policy)).toMatchObject({ allowed: false, because: 'FERRY_OUTBOUND_DENY .corp.example' });
    expect(checkHost('ok.corp.example', policy)).toEqual({ allowed: true });
    expect(checkHost('hooks.example', policy)).toEqual({ allowed: true });
  });
});
