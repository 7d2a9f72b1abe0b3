import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RoundRobinProxy = {
  /** host:port on 127.0.0.1 */
  host: string;
  url: string;
  /** Each request forwarded so far: which upstream (index) took it, its method and path. */
  log: Array<{ upstream: number; method: string; path: string; status: number }>;
  stop: () => Promise<void>;
};

/**
 * A load balancer in miniature: each HTTP request (not each connection) goes to the next upstream
 * in turn, so one client's OCI upload session (POST, PATCH…, PUT) is spread over the instances.
 * Loopback only; headers pass unchanged (Host included), bodies are streamed both ways.
 */
export async function startRoundRobinProxy(upstreams: string[]): Promise<RoundRobinProxy> {
  const log: RoundRobinProxy['log'] = [];
  const agent = new http.Agent({ keepAlive: true });
  let next = 0;
  const server = http.createServer((request, response) => {
    const upstream = next;
    next = (next + 1) % upstreams.length;
    const target = new URL(request.url ?? '/', upstreams[upstream]);
    const forwarded = http.request(target, { method: request.method, headers: request.headers, agent }, (answer) => {
      log.push({ upstream, method: request.method ?? '', path: target.pathname, status: answer.statusCode ?? 0 });
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forwarded.on('error', (error) => {
      log.push({ upstream, method: request.method ?? '', path: target.pathname, status: 502 });
      if (!response.headersSent) response.writeHead(502, { 'Content-Type': 'text/plain' });
      response.end(`proxy: ${error.message}`);
    });
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    log,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
