import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type Agent, type Dispatcher, request } from 'undici';
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
  const response = await request(url, {
    method: options.method ?? 'GET',
    headers: options.headers,
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
