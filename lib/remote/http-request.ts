import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type Agent, type Dispatcher, request } from 'undici';
import { currentTrace } from '../http/trace-context';
import { outboundAgent } from '../net/outbound-agent';

export type HttpResponse = {
  status: number;
  header: (name: string) => string | undefined;
  body: Dispatcher.ResponseData['body'];
};

export type HttpRequestOptions = {
  method?: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  body?: Readable | Buffer | string | null;
  /** PEM CA the remote's certificate must chain to, besides the system roots. */
  certificate?: string | null;
  signal?: AbortSignal;
  /** Time to wait for response headers (ms). */
  timeoutMs?: number;
};

// Every agent applies the outbound policy (lib/net/outbound-agent.ts); created on first use so
// that importing this module does not read the environment.
let defaultAgent: Agent | undefined;
const caAgents = new Map<string, Agent>();

function dispatcherFor(certificate: string | null | undefined): Agent {
  if (!certificate) {
    // Per origin: above the default 16 transfers in flight per instance (FERRY_RUNNER_MAX_TRANSFERS).
    defaultAgent ??= outboundAgent({ keepAliveTimeout: 10_000, connections: 32 });
    return defaultAgent;
  }
  const key = createHash('sha256').update(certificate).digest('hex');
  let agent = caAgents.get(key);
  if (!agent) {
    agent = outboundAgent({ certificate, keepAliveTimeout: 10_000 });
    caAgents.set(key, agent);
  }
  return agent;
}

/**
 * Streaming HTTP for transfers to remote registries and clusters (undici's request API: bodies are
 * streamed both ways, Content-Length is sent as given). Callers must consume or dump `body`.
 */
export async function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  const method = options.method ?? 'GET';
  // The run's (or request's) trace id travels along, so a peer Ferry logs the same traceId.
  const traceId = currentTrace()?.traceId;
  const headers = traceId && !options.headers?.['X-Request-Id'] ? { ...options.headers, 'X-Request-Id': traceId } : options.headers;
  const response = await request(url, {
    method,
    // undici closes the connection after every HEAD by default (against servers that wrongly send
    // a body), so each artifact's existence check cost a new TCP (and TLS) connection. Registries
    // and Ferry answer HEAD correctly; a server that does not breaks only its own next request on
    // that socket, which fails as a network error and is retried.
    reset: method === 'HEAD' ? false : undefined,
    headers,
    body: options.body ?? undefined,
    dispatcher: dispatcherFor(options.certificate),
    signal: options.signal,
    headersTimeout: options.timeoutMs ?? 30_000,
    bodyTimeout: 120_000,
  });
  return {
    status: response.statusCode,
    header: (name) => {
      const value = response.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
    body: response.body,
  };
}
