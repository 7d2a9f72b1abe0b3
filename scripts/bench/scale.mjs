// npm run bench:scale — issue 12's figures, each beside its anchor measured in the same run:
// fan-out by mount, many small files, many tags, a re-run with nothing to send, the seed info list
// with 1,000 configs, a real-time burst, and memory. Needs `npm run build` first.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchListLatency } from './list-latency.mjs';
import { apiCall, fmt, mb, sampleRss, skopeoCopy, startFerry, startRegistry, time, treeRss, writeOciLayout } from './support.mjs';

const PASSWORD = 'bench-password';
const work = path.resolve('.tmp/bench-scale');
await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });
const auth = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const call = apiCall;

/** Creates and executes a run-once task, then polls until it ends; returns its final status. */
async function runOnce(ferry, repo, body) {
  await call(ferry.url, 'POST', `/replication/api/remote/distribution/create/runOnceTask/bench/${repo}`, body);
  await call(ferry.url, 'POST', `/replication/api/remote/distribution/execute/runOnceTask/bench/${repo}?name=${body.name}`);
  for (;;) {
    const status = await call(
      ferry.url,
      'GET',
      `/replication/api/remote/distribution/get/runOnceTaskStatus/bench/${repo}?name=${body.name}`,
    );
    if (status.status === 'SUCCESS') return status;
    if (status.status === 'FAILED' || status.status === 'CANCELLED') throw new Error(`${body.name}: ${status.errorReason}`);
    await sleep(20);
  }
}

// Child processes run asynchronously: a blocked event loop leaves kept-alive connections unaware
// that the server closed them meanwhile, and the next request fails with "other side closed".
const run = promisify(execFile);
const skopeo = (args) => run('skopeo', ['--insecure-policy', ...args], { maxBuffer: 64 * 1024 * 1024 });

/** Pushes a blob to an OCI registry with one POST + PUT (the bench's own tiny client). */
async function putBlob(base, repo, bytes) {
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const head = await fetch(`${base}/v2/${repo}/blobs/${digest}`, { method: 'HEAD', headers: { Authorization: auth } });
  if (head.status === 200) return { digest, size: bytes.length };
  const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: { Authorization: auth } });
  if (start.status !== 202) throw new Error(`blob upload start: ${start.status}`);
  const location = new URL(start.headers.get('location'), base);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { Authorization: auth, 'Content-Type': 'application/octet-stream' },
    body: bytes,
  });
  if (put.status !== 201) throw new Error(`blob upload: ${put.status}`);
  return { digest, size: bytes.length };
}

/** 100 tags of one repository: two shared base layers, one small layer and a config of its own. */
async function pushManyTags(base, repo, count) {
  const layerType = 'application/vnd.oci.image.layer.v1.tar+gzip';
  const shared = [await putBlob(base, repo, randomBytes(8 * 1024 * 1024)), await putBlob(base, repo, randomBytes(2 * 1024 * 1024))];
  const tags = [];
  for (let i = 0; i < count; i++) {
    const own = await putBlob(base, repo, randomBytes(64 * 1024));
    const layers = [...shared, own].map((layer) => ({ mediaType: layerType, ...layer }));
    const config = await putBlob(
      base,
      repo,
      Buffer.from(
        JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } }),
      ),
    );
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers,
    });
    const tag = `t${i}`;
    const put = await fetch(`${base}/v2/${repo}/manifests/${tag}`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
      body: manifest,
    });
    if (put.status !== 201) throw new Error(`manifest ${tag}: ${put.status}`);
    tags.push(tag);
  }
  return tags;
}

let droppedConnections = 0;
async function uploadFiles(base, repo, folder, files, parallel) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < files.length) {
        const file = files[next++];
        const send = () =>
          fetch(`${base}/generic/bench/${repo}/${folder}/${file.name}`, {
            method: 'PUT',
            headers: { Authorization: auth },
            body: file.bytes,
          });
        // A kept-alive connection the server closes just as a request goes out is dropped; say so, send again.
        const put = await send().catch((error) => {
          droppedConnections++;
          if (error.cause?.code !== 'UND_ERR_SOCKET') throw error;
          return send();
        });
        await put.arrayBuffer();
        if (!put.ok) throw new Error(`upload ${file.name}: ${put.status}`);
      }
    }),
  );
}

async function listNames(base, repo, folder) {
  const page = await call(base, 'GET', `/repository/api/node/page/bench/${repo}/${folder}?pageNumber=1&pageSize=1000`);
  return page.records.map((record) => record.name);
}

const rows = [];
const row = (figure, ferry, anchor, goal) => {
  rows.push({ figure, ferry, anchor, goal });
  console.log(`${figure.padEnd(58)} ${ferry.padEnd(30)} ${anchor.padEnd(34)} ${goal}`);
};
console.log(`${'figure'.padEnd(58)} ${'Ferry'.padEnd(30)} ${'anchor (same run)'.padEnd(34)} goal`);

const ferry = await startFerry(work, { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '100' });
const peer = await startFerry(work);
const registry = await startRegistry();
const skopeoRegistry = await startRegistry();
const cache = '/var/lib/containers/cache/blob-info-cache-v1.sqlite';
try {
  await sleep(10_000);
  const idle = treeRss(ferry.pid);
  await call(ferry.url, 'POST', '/repository/api/project/create', { name: 'bench' });
  for (const [name, type] of [
    ['images', 'DOCKER'],
    ['files', 'GENERIC'],
    ['live', 'GENERIC'],
    ['listing', 'GENERIC'],
  ])
    await call(ferry.url, 'POST', '/repository/api/repo/create', { projectId: 'bench', name, type });
  await call(peer.url, 'POST', '/repository/api/project/create', { name: 'bench' });
  await call(peer.url, 'POST', '/repository/api/repo/create', { projectId: 'bench', name: 'direct', type: 'GENERIC' });
  const cluster = await call(ferry.url, 'POST', '/replication/api/cluster/create', {
    name: 'peer',
    url: peer.url,
    username: 'admin',
    password: PASSWORD,
  });

  // 1. Fan-out: a 500 MiB image to a second namespace of a registry that already holds its blobs.
  const layout = path.join(work, 'layout-large');
  await writeOciLayout(layout, 'v1', [500 * 1024 * 1024]);
  await skopeoCopy(`oci:${layout}:v1`, `docker://127.0.0.1:${ferry.port}/bench/images/large:v1`, { destCreds: `admin:${PASSWORD}` });
  await rm(layout, { recursive: true, force: true });
  const fanOutMemory = sampleRss(ferry.pid);
  const pushTo = (namespace, name) =>
    runOnce(ferry, 'images', { name, registry: `http://${registry.host}/${namespace}`, packageName: 'large', versions: ['v1'] });
  const cold = await time(() => pushTo('ns1', 'large_ns1'));
  const fanOut = await time(() => pushTo('ns2', 'large_ns2'));
  const fanOutPeak = fanOutMemory.stop();
  await rm(cache, { force: true });
  const copyToNamespace = (namespace) =>
    skopeoCopy(`docker://127.0.0.1:${ferry.port}/bench/images/large:v1`, `docker://${skopeoRegistry.host}/${namespace}/large:v1`, {
      srcCreds: `admin:${PASSWORD}`,
    });
  const skopeoCold = await time(() => copyToNamespace('ns1'));
  const skopeoFanOut = await time(() => copyToNamespace('ns2'));
  row(
    '0. cold push, 500 MiB image (info)',
    `${fmt(cold.seconds, 2)} s`,
    `skopeo copy ${fmt(skopeoCold.seconds, 2)} s`,
    `ratio ${fmt(cold.seconds / skopeoCold.seconds, 2)}`,
  );
  row(
    '1. fan-out, same image to a 2nd namespace',
    `${fmt(fanOut.seconds, 2)} s, ${fmt(mb(fanOut.value.progress?.doneBytes ?? 0))} MiB sent`,
    `skopeo + blob-info cache ${fmt(skopeoFanOut.seconds, 2)} s`,
    `≤ 0.5 s: ${fanOut.seconds <= 0.5 ? 'met' : 'MISSED'}`,
  );

  // 2. 1,000 × 4 KiB files: path run-once to the peer vs curl -P8 straight into the peer.
  const files = Array.from({ length: 1000 }, (_, i) => ({ name: `f${String(i).padStart(4, '0')}.bin`, bytes: randomBytes(4096) }));
  await uploadFiles(ferry.url, 'files', 'small', files, 8);
  const curlDir = path.join(work, 'small');
  await mkdir(curlDir, { recursive: true });
  for (const file of files) await writeFile(path.join(curlDir, file.name), file.bytes);
  const curl = await time(() =>
    run('bash', [
      '-c',
      `cd ${curlDir} && ls | xargs -P8 -I{} curl -sf -o /dev/null -u admin:${PASSWORD} -T {} ${peer.url}/generic/bench/direct/small/{}`,
    ]),
  );
  const smallRun = await time(() =>
    runOnce(ferry, 'files', {
      name: 'small_files',
      clusterId: cluster.id,
      remoteProjectId: 'bench',
      remoteRepoName: 'copied',
      pathConstraints: ['/small'],
    }),
  );
  const arrived = (await listNames(peer.url, 'copied', 'small')).length;
  row(
    '2. 1,000 × 4 KiB files, path run-once to a peer Ferry',
    `${fmt(smallRun.seconds, 2)} s (${arrived} arrived; ${droppedConnections} uploads resent)`,
    `curl xargs -P8 ${fmt(curl.seconds, 2)} s`,
    `ratio ${fmt(smallRun.seconds / curl.seconds, 2)} ≤ 1.5: ${smallRun.seconds / curl.seconds <= 1.5 ? 'met' : 'MISSED'}`,
  );

  // 3. 100 tags with shared base layers to docker-registry vs skopeo sync of the same repository.
  const tags = await pushManyTags(`http://127.0.0.1:${ferry.port}`, 'bench/images/many', 100);
  const manyMemory = sampleRss(ferry.pid);
  const many = await time(() =>
    runOnce(ferry, 'images', { name: 'many_tags', registry: `http://${registry.host}/sync`, packageName: 'many', versions: tags }),
  );
  const manyPeak = manyMemory.stop();
  await rm(cache, { force: true });
  const sync = await time(() =>
    skopeo([
      'sync',
      '--src',
      'docker',
      '--dest',
      'docker',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      '--src-creds',
      `admin:${PASSWORD}`,
      `127.0.0.1:${ferry.port}/bench/images/many`,
      `${skopeoRegistry.host}/sync`,
    ]),
  );
  row(
    '3. 100 tags (3 layers, 2 shared) to docker-registry',
    `${fmt(many.seconds, 2)} s`,
    `skopeo sync ${fmt(sync.seconds, 2)} s`,
    `ratio ${fmt(many.seconds / sync.seconds, 2)} ≤ 1.0: ${many.seconds <= sync.seconds ? 'met' : 'MISSED'}`,
  );

  // 4. The same 100 tags again: everything is present, so only HEADs.
  const again = await time(() =>
    runOnce(ferry, 'images', { name: 'many_tags_again', registry: `http://${registry.host}/sync`, packageName: 'many', versions: tags }),
  );
  row(
    '4. re-run of 3 with everything present',
    `${fmt(again.seconds, 2)} s, ${again.value.progress?.doneBytes ?? '?'} bytes sent`,
    `first run ${fmt(many.seconds, 2)} s`,
    `≤ 2 s, ≈ 0 bytes: ${again.seconds <= 2 && (again.value.progress?.doneBytes ?? 1) === 0 ? 'met' : 'MISSED'}`,
  );

  // 6. Real-time burst: 1,000 uploads in 10 s to a repository with a config to the peer.
  await call(ferry.url, 'POST', '/replication/api/remote/distribution/create/bench/live', {
    configs: [
      { name: 'burst', clusterId: cluster.id, remoteProjectId: 'bench', remoteRepoName: 'live', replicaType: 'REAL_TIME', setting: {} },
    ],
  });
  const uploadedAt = new Map();
  const presentAt = new Map();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const names = await listNames(peer.url, 'live', 'burst').catch(() => []);
      const now = performance.now();
      for (const name of names) if (!presentAt.has(name)) presentAt.set(name, now);
      await sleep(50);
    }
  })();
  const burstStarted = performance.now();
  const inFlight = new Set();
  for (let i = 0; i < 1000; i++) {
    const due = burstStarted + i * 10;
    if (performance.now() < due) await sleep(due - performance.now());
    const name = `b${String(i).padStart(4, '0')}.bin`;
    const upload = fetch(`${ferry.url}/generic/bench/live/burst/${name}`, {
      method: 'PUT',
      headers: { Authorization: auth },
      body: randomBytes(4096),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`upload ${name}: ${response.status}`);
        uploadedAt.set(name, performance.now());
      })
      .finally(() => inFlight.delete(upload));
    inFlight.add(upload);
  }
  await Promise.all(inFlight);
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  const deadline = performance.now() + 60_000;
  while (presentAt.size < uploadedAt.size && performance.now() < deadline) await sleep(100);
  polling = false;
  await poller;
  const delays = [...uploadedAt].filter(([name]) => presentAt.has(name)).map(([name, at]) => Math.max(0, presentAt.get(name) - at));
  const burstP95 = quantile(delays, 0.95) / 1000;
  row(
    `6. real-time burst, 1,000 uploads in ${fmt(burstSeconds)} s`,
    `p95 ${fmt(burstP95, 2)} s, ${presentAt.size}/${uploadedAt.size} present`,
    `p50 ${fmt(quantile(delays, 0.5) / 1000, 2)} s (poll step 0.05 s)`,
    `p95 ≤ 2 s, none lost: ${burstP95 <= 2 && presentAt.size === 1000 ? 'met' : 'MISSED'}`,
  );

  // 7. Memory: a first start (the database is created too), and the peer restarted on its database.
  const growth = Math.max(fanOutPeak - fanOutMemory.baseline, manyPeak - manyMemory.baseline);
  await peer.stop();
  const restarted = await startFerry(work, {}, peer);
  await sleep(10_000);
  const idleRestarted = treeRss(restarted.pid);
  await restarted.stop();
  row(
    '7. RSS: idle after a first start; peak growth during 1 and 3',
    `idle ${fmt(mb(idle))} MiB, growth ${fmt(mb(growth))} MiB`,
    `docker-registry now ${fmt(mb(treeRss(registry.pid)))} MiB`,
    `idle ≤ 300, growth ≤ 150: ${mb(idle) <= 300 && mb(growth) <= 150 ? 'met' : 'MISSED'}`,
  );
  row(
    '7b. RSS: idle after a restart (the peer, on its database)',
    `idle ${fmt(mb(idleRestarted))} MiB`,
    `first start ${fmt(mb(idle))} MiB`,
    `idle ≤ 300: ${mb(idleRestarted) <= 300 ? 'met' : 'MISSED'}`,
  );
  // 5. The seed info list with 1,000 configs vs a no-op route (its own server: scripts/bench/list-latency.mjs).
  const list = await benchListLatency({ workDir: path.join(work, 'list-latency') });
  row(
    `5. seed info list, ${list.configs} configs, unpaged, p95 of ${list.requests}`,
    `${fmt(list.listP95Ms)} ms`,
    `/api/health ${fmt(list.healthP95Ms)} ms`,
    `ratio ${fmt(list.ratio, 2)} ≤ 2: ${list.ratio <= 2 ? 'met' : 'MISSED'}`,
  );
  row(
    '5b. the same list, a page of 20 (what the UI asks for)',
    `${fmt(list.pageP95Ms)} ms`,
    `/api/health ${fmt(list.healthP95Ms)} ms`,
    `ratio ${fmt(list.pageRatio, 2)}`,
  );
} catch (error) {
  // The servers' own words explain most failures (a crash, a refusal): show them with the error.
  console.error(`Ferry's output:\n${ferry.output().slice(-4000)}\npeer's output:\n${peer.output().slice(-2000)}`);
  throw error;
} finally {
  await Promise.all([ferry.stop(), peer.stop(), registry.stop(), skopeoRegistry.stop()]);
}
