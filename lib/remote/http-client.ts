import { createHash } from 'node:crypto';
import { type Agent, fetch as undiciFetch } from 'undici';
import { currentTrace } from '../http/trace-context';
import { outboundAgent, outboundRefusal } from '../net/outbound-agent';

export type RemoteFetch = (url: string, init: RemoteRequestInit) => Promise<Response>;
type RemoteRequestInit = {
  method?: string;
  headers?: Record<string, string>;
  /** PEM CA that the remote's TLS certificate must chain to, in addition to the system roots. */
  certificate?: string | null;
  timeoutMs?: number;
};

// One keep-alive agent per distinct CA, so custom-CA targets don't pay a TLS handshake per request.
// Each applies the outbound policy to every connection.
const agents = new Map<string, Agent>();

function agentFor(certificate: string | null | undefined): Agent {
  const key = certificate ? createHash('sha256').update(certificate).digest('hex') : '';
  let agent = agents.get(key);
  if (!agent) {
    agent = outboundAgent({ certificate });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * fetch for talking to remote clusters. Redirects are not followed: a redirect would carry the
 * request (and its Authorization) to a host the admin never entered.
 */
export const remoteFetch: RemoteFetch = async (url, init) => {
  const traceId = currentTrace()?.traceId;
  const response = await undiciFetch(url, {
    method: init.method ?? 'GET',
    headers: traceId ? { 'X-Request-Id': traceId, ...init.headers } : init.headers,
    dispatcher: agentFor(init.certificate),
    redirect: 'manual',
    signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
  });
  return response as unknown as Response;
};

export function basicAuthorization(username: string | null | undefined, password: string | null | undefined): string | undefined {
  if (!username) return undefined;
  return `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
}

/**
 * A short reason a user can act on, from a fetch failure. Refused, reset, timed out and
 * unresolvable all read "not reachable": telling them apart would make tryConnect a port scanner
 * of the server's network. The caller logs the detail (`networkErrorDetail`) server-side.
 */
export function describeNetworkError(error: unknown, url: string): string {
  const target = new URL(url).host;
  const refusal = outboundRefusal(error);
  if (refusal) return refusal.message;
  switch (networkErrorDetail(error).code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `TLS certificate of ${target} is not trusted: add its CA certificate`;
    default:
      return `${target} is not reachable`;
  }
}

/** The low-level cause of a fetch failure, for the server log only. */
export function networkErrorDetail(error: unknown): { code?: string; message: string } {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return { code: 'TIMEOUT', message: 'no answer within the time limit' };
  return { code: cause?.code, message: cause?.message ?? (error as Error).message };
}
