import { createHash } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';

export type RemoteFetch = (url: string, init: RemoteRequestInit) => Promise<Response>;
export type RemoteRequestInit = {
  method?: string;
  headers?: Record<string, string>;
  /** PEM CA that the remote's TLS certificate must chain to, in addition to the system roots. */
  certificate?: string | null;
  timeoutMs?: number;
};

// One keep-alive agent per distinct CA, so custom-CA targets don't pay a TLS handshake per request.
const agents = new Map<string, Agent>();

function agentFor(certificate: string | null | undefined): Agent | undefined {
  if (!certificate) return undefined;
  const key = createHash('sha256').update(certificate).digest('hex');
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { ca: certificate } });
    agents.set(key, agent);
  }
  return agent;
}

/** fetch for talking to remote clusters and registries. */
export const remoteFetch: RemoteFetch = async (url, init) => {
  const response = await undiciFetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers,
    dispatcher: agentFor(init.certificate),
    signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
  });
  return response as unknown as Response;
};

export function basicAuthorization(username: string | null | undefined, password: string | null | undefined): string | undefined {
  if (!username) return undefined;
  return `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
}

/** A short reason a user can act on, from a fetch failure (no stack traces). */
export function describeNetworkError(error: unknown, url: string): string {
  const target = new URL(url).host;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `${target} did not answer within the time limit`;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return `connection to ${target} refused: is the server running on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host of ${target} cannot be resolved`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `TLS certificate of ${target} is not trusted: add its CA certificate`;
    default:
      return `cannot reach ${target}: ${cause?.message ?? (error as Error).message}`;
  }
}
