// npm run bench:replicate — Ferry's replication runner against skopeo, same images, same machine,
// same run: wall time, MB/s, ratio Ferry/skopeo, Ferry's peak RSS growth, and real-time latency.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fmt, mb, sampleRss, skopeoCopy, startFerry, startRegistry, time, writeOciLayout } from './support.mjs';

const work = path.resolve('.tmp/bench-replicate');
await rm(work, { recursive: true, force: true });
const auth = `Basic ${Buffer.from('admin:bench-password').toString('base64')}`;
const json = { Authorization: auth, 'Content-Type': 'application/json' };
const call = async (base, method, url, body) => {
  const response = await fetch(`${base}${url}`, { method, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
  const envelope = await response.json();
  if (envelope.code !== 0) throw new Error(`${method} ${url}: ${envelope.message}`);
  return envelope.data;
};

const ferry = await startFerry(work, { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '100' });
const peer = await startFerry(work, { FERRY_ADMIN_PASSWORD: 'bench-password' });
const forFerry = await startRegistry();
const forSkopeo = await startRegistry();
// skopeo's blob-info cache would let it mount blobs it saw before; keep the comparison fair.
const cache = '/var/lib/containers/cache/blob-info-cache-v1.sqlite';
const images = [
  { name: 'medium', layers: [20, 20, 10].map((m) => m * 1024 * 1024) },
  { name: 'large', layers: [500 * 1024 * 1024] },
];
try {
  await call(ferry.url, 'POST', '/repository/api/project/create', { name: 'bench' });
  await call(ferry.url, 'POST', '/repository/api/repo/create', { projectId: 'bench', name: 'images', type: 'DOCKER' });
  const rows = [];
  for (const image of images) {
    const layout = path.join(work, `layout-${image.name}`);
    const { bytes } = await writeOciLayout(layout, 'v1', image.layers);
    await skopeoCopy(`oci:${layout}:v1`, `docker://127.0.0.1:${ferry.port}/bench/images/${image.name}:v1`, {
      destCreds: 'admin:bench-password',
    });
    await rm(layout, { recursive: true, force: true });

    const memory = sampleRss(ferry.pid);
    const ferryRun = await time(async () => {
      await call(ferry.url, 'POST', '/replication/api/remote/distribution/create/runOnceTask/bench/images', {
        name: `push_${image.name}`,
        registry: `http://${forFerry.host}/ferry`,
        packageName: image.name,
        versions: ['v1'],
      });
      await call(ferry.url, 'POST', `/replication/api/remote/distribution/execute/runOnceTask/bench/images?name=push_${image.name}`);
      for (;;) {
        const status = await call(
          ferry.url,
          'GET',
          `/replication/api/remote/distribution/get/runOnceTaskStatus/bench/images?name=push_${image.name}`,
        );
        if (status.status === 'SUCCESS') return;
        if (status.status === 'FAILED') throw new Error(status.errorReason);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const peak = memory.stop();
    await rm(cache, { force: true });
    const skopeoRun = await time(() =>
      skopeoCopy(`docker://127.0.0.1:${ferry.port}/bench/images/${image.name}:v1`, `docker://${forSkopeo.host}/skopeo/${image.name}:v1`, {
        srcCreds: 'admin:bench-password',
      }),
    );
    rows.push({
      image: `${image.name} (${fmt(mb(bytes), 0)} MiB, ${image.layers.length} layer${image.layers.length > 1 ? 's' : ''})`,
      bytes,
      ferry: ferryRun.seconds,
      skopeo: skopeoRun.seconds,
      rssGrowth: peak - memory.baseline,
    });
  }

  console.log('\nFerry → docker-registry vs skopeo copy Ferry → docker-registry (same images, this machine, this run)');
  console.log('image                            ferry s  ferry MiB/s  skopeo s  skopeo MiB/s  ratio ferry/skopeo  ferry RSS growth');
  for (const r of rows) {
    console.log(
      `${r.image.padEnd(32)} ${fmt(r.ferry, 2).padStart(7)}  ${fmt(mb(r.bytes) / r.ferry).padStart(11)}  ${fmt(r.skopeo, 2).padStart(8)}  ${fmt(mb(r.bytes) / r.skopeo).padStart(12)}  ${fmt(r.ferry / r.skopeo, 2).padStart(18)}  ${fmt(mb(r.rssGrowth)).padStart(12)} MiB`,
    );
  }

  // Real-time latency: upload a small file, time until the peer cluster serves it.
  await call(peer.url, 'GET', '/repository/api/user/info');
  await call(ferry.url, 'POST', '/repository/api/repo/create', { projectId: 'bench', name: 'files', type: 'GENERIC' });
  const cluster = await call(ferry.url, 'POST', '/replication/api/cluster/create', {
    name: 'peer',
    url: peer.url,
    username: 'admin',
    password: 'bench-password',
  });
  await call(ferry.url, 'POST', '/replication/api/remote/distribution/create/bench/files', {
    configs: [
      { name: 'live', clusterId: cluster.id, remoteProjectId: 'bench', remoteRepoName: 'files', replicaType: 'REAL_TIME', setting: {} },
    ],
  });
  const latencies = [];
  for (let i = 0; i < 40; i++) {
    const content = randomBytes(4096);
    const started = performance.now();
    const put = await fetch(`${ferry.url}/generic/bench/files/rt/${i}.bin`, {
      method: 'PUT',
      headers: { Authorization: auth },
      body: content,
    });
    if (!put.ok) throw new Error(`upload failed: ${put.status}`);
    for (;;) {
      const head = await fetch(`${peer.url}/generic/bench/files/rt/${i}.bin`, { method: 'HEAD', headers: { Authorization: auth } });
      if (head.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  console.log(
    `\nreal-time latency, 4 KiB file upload → present at the peer cluster (40 files): p50 ${fmt(p(0.5), 0)} ms, p95 ${fmt(p(0.95), 0)} ms, max ${fmt(latencies.at(-1), 0)} ms`,
  );
} finally {
  await Promise.all([ferry.stop(), peer.stop(), forFerry.stop(), forSkopeo.stop()]);
}
