import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { env } from '../env';
import { checkAddress, type OutboundPolicy, outboundPolicy, refusalMessage } from './outbound-policy';

/** A connection the outbound policy refused; its message says what to set to permit it. */
export class OutboundRefusedError extends Error {
  readonly code = 'FERRY_OUTBOUND_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

let fromEnv: OutboundPolicy | undefined;

/** The policy of this process (built-in denials + FERRY_OUTBOUND_ALLOW / _DENY), read once. */
export function currentOutboundPolicy(): OutboundPolicy {
  fromEnv ??= outboundPolicy({ allow: env().FERRY_OUTBOUND_ALLOW, deny: env().FERRY_OUTBOUND_DENY });
  return fromEnv;
}

type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: Error | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/**
 * A `lookup` for net/tls.connect that resolves, then drops the addresses the policy refuses: the
 * check is on the address actually connected to, so a name re-pointed after it was saved (DNS
 * rebinding) cannot reach a refused range.
 */
export function guardedLookup(policy: () => OutboundPolicy, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const verdicts = addresses.map((entry) => ({ entry, verdict: checkAddress(entry.address, policy(), hostname) }));
      const allowed = verdicts.filter((v) => v.verdict.allowed).map((v) => v.entry);
      const refused = verdicts.find((v) => !v.verdict.allowed)?.verdict;
      if (allowed.length === 0) {
        const message = refused && !refused.allowed ? refusalMessage(refused) : `${hostname} resolved to no address`;
        return callback(new OutboundRefusedError(message), '', 0);
      }
      // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily).
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      const [first] = allowed;
      callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

/** undici connector that applies the policy to address literals (never looked up) and resolved names. */
export function guardedConnector(policy: () => OutboundPolicy, options: buildConnector.BuildOptions = {}): buildConnector.connector {
  const connect = buildConnector({ ...options, lookup: guardedLookup(policy) });
  return (target, callback) => {
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) {
      const verdict = checkAddress(literal, policy());
      if (!verdict.allowed) return callback(new OutboundRefusedError(refusalMessage(verdict)), null);
    }
    connect(target, callback);
  };
}

/** A keep-alive undici Agent whose every connection passes the outbound policy. */
export function outboundAgent(options: { certificate?: string | null; keepAliveTimeout?: number; connections?: number } = {}): Agent {
  return new Agent({
    keepAliveTimeout: options.keepAliveTimeout,
    connections: options.connections,
    connect: guardedConnector(currentOutboundPolicy, options.certificate ? { ca: options.certificate } : {}),
  });
}

/** The policy refusal inside an error from undici's request/fetch, if that is what stopped it. */
export function outboundRefusal(error: unknown): OutboundRefusedError | undefined {
  // By code, not instanceof: bundling may give route chunks their own copy of this class.
  let current = error as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.code === 'FERRY_OUTBOUND_REFUSED') return current as OutboundRefusedError;
    current = current.cause as typeof current;
  }
  return undefined;
}
