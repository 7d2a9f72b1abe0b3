import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { createClusterNode, createImageRepo, createProjectWithRepo, runOnceTaskToEnd } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { freePort, uniqueName } from '../support/harness';
import { buildImage } from '../support/oci-images';
import { expectRefusal } from '../support/refusal';

// Loopback peers that behave like hostile or broken registries, clusters and token servers, and
// record every Authorization header they receive. Ferry denies 127.0.0.2 by policy, so the
// refusals are checked without any traffic leaving the machine.
const REGISTRY_SECRET = `registry-secret-${randomBytes(4).toString('hex')}`;
const CLUSTER_SECRET = `cluster-secret-${randomBytes(4).toString('hex')}`;

type Seen = { method: string; path: string; authorization: string | undefined };
type Peer = { url: string; port: number; seen: Seen[]; connections: () => number; close: () => Promise<void> };
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A small HTTP server on 127.0.0.1 (and ::1 on the same port where it exists) that records requests. */
async function startPeer(handler: Handler, options: { bind?: string; port?: number } = {}): Promise<Peer> {
  const seen: Seen[] = [];
  let connections = 0;
  const port = options.port ?? (await freePort());
  const servers: Server[] = [];
  const listen = (address: string) =>
    new Promise<void>((resolve, reject) => {
      const server = createServer((req, res) => {
        seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization });
        handler(req, res);
      });
      server.on('connection', () => connections++);
      server.once('error', reject);
      server.listen(port, address, () => {
        servers.push(server);
        resolve();
      });
    });
  await listen(options.bind ?? '127.0.0.1');
  // `localhost` may resolve to ::1 first on some machines.
  if (!options.bind) await listen('::1').catch(() => undefined);
  return {
    url: `http://${options.bind ?? '127.0.0.1'}:${port}`,
    port,
    seen,
    connections: () => connections,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}

/** A permissive OCI push endpoint: challenges until it gets some Authorization, then accepts everything. */
function fakeRegistry(options: { challenge: () => string; uploadLocation?: () => string }): Handler {
  return (req, res) => {
    req.resume();
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!req.headers.authorization) {
      res.writeHead(401, { 'WWW-Authenticate': options.challenge(), 'Content-Type': 'application/json' });
      return res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
    }
    if (path === '/v2/') return res.writeHead(200).end('{}');
    if (req.method === 'HEAD') return res.writeHead(404).end();
    if (req.method === 'POST' && path.endsWith('/blobs/uploads/')) {
      const location = options.uploadLocation?.() ?? `${path}${randomBytes(4).toString('hex')}`;
      return res.writeHead(202, { Location: location, 'Content-Length': '0' }).end();
    }
    if (req.method === 'PUT') return req.on('end', () => res.writeHead(201, { 'Content-Length': '0' }).end());
    res.writeHead(405).end();
  };
}

/** Accepts blob PUTs from anyone: a storage backend on another origin. */
const blobSink: Handler = (req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(201, { 'Content-Length': '0' }).end());
};

/** Answers like a Ferry cluster's version endpoint. */
const fakeCluster: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"code":0,"data":{"product":"ferry"}}');
};

/** Streams `bytes` of JSON-looking filler (bounded, so the test stops by itself). */
function hugeReply(status: number, bytes: number): Handler {
  return (req, res) => {
    req.resume();
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.write('{"padding":"');
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      res.end('"}');
    };
    res.on('error', () => undefined);
    pump();
  };
}

function carriesSecret(header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const [scheme, value = ''] = header.split(' ');
  const decoded = scheme?.toLowerCase() === 'basic' ? Buffer.from(value, 'base64').toString('utf8') : '';
  return header.includes(secret) || decoded.includes(secret);
}

let ferry: FerryServer;
let api: ApiClient;
const peers: Peer[] = [];
const peer = async (handler: Handler, options?: { bind?: string; port?: number }) => {
  const started = await startPeer(handler, options);
  peers.push(started);
  return started;
};

beforeAll(async () => {
  ferry = await startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200', FERRY_OUTBOUND_DENY: '127.0.0.2/32' } });
  api = apiClient(ferry.url);
});
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
  await ferry?.stop();
});

const dist = '/replication/api/remote/distribution';
type Status = { status: string; errorReason: string | null };
type Cluster = { id: string; name: string; url: string; status: string | null; errorReason: string | null };

async function imageRepo(): Promise<{ projectId: string; repoName: string }> {
  return createImageRepo(api, ferry.url, { name: 'app', tag: '1.0' }, buildImage([3_000, 2_000]));
}

async function pushTo(repo: { projectId: string; repoName: string }, registry: string): Promise<Status> {
  const name = uniqueName('push_');
  const body = { name, registry, username: 'robot', password: REGISTRY_SECRET, packageName: 'app', versions: ['1.0'] };
  return runOnceTaskToEnd<Status>(api, { ...repo, ...body });
}

async function tryConnect(name: string) {
  return api.post<Cluster>(`/replication/api/cluster/tryConnect?name=${name}`);
}

describe('registry credentials stay with the registry', () => {
  it('follows an upload Location on another origin without credentials', async () => {
    const sink = await peer(blobSink);
    const registry = await peer(
      fakeRegistry({ challenge: () => 'Basic realm="fake"', uploadLocation: () => `${sink.url}/upload/${randomBytes(4).toString('hex')}` }),
    );
    const status = await pushTo(await imageRepo(), `${registry.url}/team`);
    expect(status).toMatchObject({ status: 'SUCCESS', errorReason: null });
    // The blobs went to the other origin, without any Authorization…
    expect(sink.seen.filter((s) => s.method === 'PUT').length).toBeGreaterThanOrEqual(3);
    expect(sink.seen.every((s) => s.authorization === undefined)).toBe(true);
    // …while the registry itself did get the password (so the assertion above can fail).
    expect(registry.seen.some((s) => carriesSecret(s.authorization, REGISTRY_SECRET))).toBe(true);
  });

  it('asks a token realm on another host over http for a token without the password', async () => {
    const tokens = await peer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"token":"anonymous-token"}'));
    // Same port, another host name: `localhost` is not the registry's host 127.0.0.1.
    const registry = await peer(fakeRegistry({ challenge: () => `Bearer realm="http://localhost:${tokens.port}/token",service="fake"` }));
    const status = await pushTo(await imageRepo(), `${registry.url}/team`);
    expect(status.status).toBe('SUCCESS');
    expect(tokens.seen.length).toBeGreaterThan(0);
    expect(tokens.seen.map((s) => s.authorization)).toEqual(tokens.seen.map(() => undefined));
    expect(registry.seen.some((s) => s.authorization === 'Bearer anonymous-token')).toBe(true);
    expect(registry.seen.some((s) => carriesSecret(s.authorization, REGISTRY_SECRET))).toBe(false);
  });

  it('sends the password to a token realm on the registry host itself', async () => {
    const tokens = await peer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"token":"t"}'));
    const registry = await peer(fakeRegistry({ challenge: () => `Bearer realm="http://127.0.0.1:${tokens.port}/token"` }));
    expect((await pushTo(await imageRepo(), `${registry.url}/team`)).status).toBe('SUCCESS');
    expect(tokens.seen.some((s) => carriesSecret(s.authorization, REGISTRY_SECRET))).toBe(true);
  });

  it('fails a run clearly on an oversized token reply or error body, and keeps serving', async () => {
    const tokens = await peer(hugeReply(200, 4 * 1024 * 1024));
    const viaTokens = await peer(fakeRegistry({ challenge: () => `Bearer realm="http://127.0.0.1:${tokens.port}/token"` }));
    const repo = await imageRepo();
    const tokenRun = await pushTo(repo, `${viaTokens.url}/team`);
    expect(tokenRun.status).toBe('FAILED');
    expect(tokenRun.errorReason).toContain(`token service 127.0.0.1:${tokens.port} sent a reply larger than 64 KiB`);
    const broken = await peer(hugeReply(400, 4 * 1024 * 1024));
    const errorRun = await pushTo(repo, `${broken.url}/team`);
    expect(errorRun.status).toBe('FAILED');
    expect(errorRun.errorReason).toContain(`400 from registry 127.0.0.1:${broken.port}`);
    expect((await fetch(`${ferry.url}/api/health`)).status).toBe(200);
  });

  it('refuses a registry address that the outbound policy denies, without connecting', async () => {
    const denied = await peer(fakeRegistry({ challenge: () => 'Basic realm="x"' }), { bind: '127.0.0.2' });
    const status = await pushTo(await imageRepo(), `${denied.url}/team`);
    expect(status.status).toBe('FAILED');
    expect(status.errorReason).toContain(
      'outbound policy refuses 127.0.0.2 (FERRY_OUTBOUND_DENY 127.0.0.2/32); set FERRY_OUTBOUND_ALLOW to permit it',
    );
    expect(denied.connections()).toBe(0);
  });

  it('refuses credentials written into a registry address with 250105', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const response = await api.post(`${dist}/create/runOnceTask/${repo.projectId}/${repo.repoName}`, {
      name: 'userinfo',
      registry: 'http://robot:pw@127.0.0.1:9/team',
      packageName: 'app',
      versions: ['1.0'],
    });
    expectRefusal(response, 400, 250105, '[registry]');
    expect(response.body.message).toContain('must not contain credentials');
  });
});

describe('cluster credentials stay with the cluster', () => {
  it('drops the stored password when the URL moves to another host, and keeps it on the same one', async () => {
    const home = await peer(fakeCluster);
    const elsewhere = await peer(fakeCluster);
    const cluster = await createClusterNode(api, { url: home.url, username: 'admin', password: CLUSTER_SECRET });
    expect(dataOf(await tryConnect(cluster.name)).status).toBe('HEALTHY');
    expect(home.seen.some((s) => carriesSecret(s.authorization, CLUSTER_SECRET))).toBe(true);

    // Same scheme, host and port, another path: the password stays.
    dataOf(await api.post('/replication/api/cluster/update', { name: cluster.name, url: `${home.url}/` }));
    const before = home.seen.length;
    dataOf(await tryConnect(cluster.name));
    expect(carriesSecret(home.seen[before]?.authorization, CLUSTER_SECRET)).toBe(true);

    // Another port is another origin: the password is dropped.
    dataOf(await api.post('/replication/api/cluster/update', { name: cluster.name, url: elsewhere.url }));
    await tryConnect(cluster.name);
    // Another host name (localhost vs 127.0.0.1) too, even after moving back to the old port.
    dataOf(await api.post('/replication/api/cluster/update', { name: cluster.name, url: `http://localhost:${home.port}` }));
    const afterMove = home.seen.length;
    await tryConnect(cluster.name);
    expect(elsewhere.seen.length).toBeGreaterThan(0);
    expect(home.seen.length).toBeGreaterThan(afterMove);
    for (const seen of [...elsewhere.seen, ...home.seen.slice(afterMove)]) {
      expect(carriesSecret(seen.authorization, CLUSTER_SECRET)).toBe(false);
    }

    // A move that sends a new password uses the new one.
    dataOf(await api.post('/replication/api/cluster/update', { name: cluster.name, url: elsewhere.url, password: 'new-cluster-secret' }));
    const fresh = elsewhere.seen.length;
    dataOf(await tryConnect(cluster.name));
    expect(carriesSecret(elsewhere.seen[fresh]?.authorization, 'new-cluster-secret')).toBe(true);
  });

  it('refuses credentials written into a cluster URL with 250105, naming the field', async () => {
    const response = await api.post('/replication/api/cluster/create', { name: uniqueName('c'), url: 'http://admin:pw@127.0.0.1:9' });
    expectRefusal(response, 400, 250105, '[url]');
    expect(response.body.message).toContain('must not contain credentials');
    const cluster = await createClusterNode(api);
    const update = await api.post('/replication/api/cluster/update', { name: cluster.name, url: 'http://admin@127.0.0.1:9' });
    expectRefusal(update, 400, 250105);
  });

  it('does not follow a redirect in tryConnect', async () => {
    const target = await peer(fakeCluster);
    const redirecting = await peer((_req, res) => res.writeHead(302, { Location: `${target.url}/replication/api/version` }).end());
    const cluster = await createClusterNode(api, { url: redirecting.url, password: CLUSTER_SECRET });
    const result = await tryConnect(cluster.name);
    expectRefusal(result, 502, 250301, '302 redirect');
    expect(target.seen).toEqual([]);
  });

  it('answers an oversized version reply with a clear error, not a crash', async () => {
    const huge = await peer(hugeReply(200, 8 * 1024 * 1024));
    const cluster = await createClusterNode(api, { url: huge.url });
    const result = await tryConnect(cluster.name);
    expect(result.body.code).toBe(250301);
    expect(result.body.message).toContain('more than 64 KiB');
    expect((await fetch(`${ferry.url}/api/health`)).status).toBe(200);
  });

  it('says "not reachable" for a closed port, with the cause only in the server log', async () => {
    const closed = await freePort();
    const cluster = await createClusterNode(api, { url: `http://127.0.0.1:${closed}` });
    const result = await tryConnect(cluster.name);
    expect(result.body.code).toBe(250301);
    expect(result.body.message).toContain(`127.0.0.1:${closed} is not reachable`);
    expect(result.body.message).not.toMatch(/refused|ECONN|timed? ?out/i);
    const info = dataOf(await api.get<Cluster>(`/replication/api/cluster/info/${cluster.id}`));
    expect(info.errorReason).toBe(`127.0.0.1:${closed} is not reachable`);
    await expect.poll(() => ferry.output()).toContain('ECONNREFUSED');
  });

  it('refuses a cluster on an address the outbound policy denies, without connecting', async () => {
    const denied = await peer(fakeCluster, { bind: '127.0.0.2' });
    const cluster = await createClusterNode(api, { url: denied.url, password: CLUSTER_SECRET });
    const result = await tryConnect(cluster.name);
    expectRefusal(result, 502, 250301);
    expect(result.body.message).toContain(
      'outbound policy refuses 127.0.0.2 (FERRY_OUTBOUND_DENY 127.0.0.2/32); set FERRY_OUTBOUND_ALLOW to permit it',
    );
    expect(denied.connections()).toBe(0);
  });
});
