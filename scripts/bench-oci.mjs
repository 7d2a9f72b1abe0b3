#!/usr/bin/env node
// npm run bench:oci — a 500 MiB single-layer image pushed with skopeo into Ferry and into Debian's
// docker-registry (same run, same machine), then pulled back from each. Prints MiB/s per direction,
// the Ferry/registry ratio and Ferry's resident memory. Needs a built Ferry (`npx next build`);
// installs skopeo and docker-registry with apt-get when missing (run as root).
import { execFile } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { spawnFerry } from '../tests/support/harness.ts';
import { startRegistry } from '../tests/support/registry.ts';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const LAYER_BYTES = Number(process.env.BENCH_OCI_MIB ?? 500) * MiB;
const RUNS = Number(process.env.BENCH_OCI_RUNS ?? 3);
const PASSWORD = 'bench-admin-password';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

async function ensureTools() {
  const missing = [];
  for (const [bin, pkg] of [
    ['skopeo', 'skopeo'],
    ['/usr/bin/docker-registry', 'docker-registry'],
  ]) {
    try {
      await run(bin, ['--version']);
    } catch {
      missing.push(pkg);
    }
  }
  if (missing.length > 0) {
    console.log(`installing ${missing.join(' ')} …`);
    await run('bash', ['-c', `apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${missing.join(' ')}`]);
  }
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('Ferry is not built: run `npx next build` first');
}

/** An OCI layout with one random layer of LAYER_BYTES, written in 1 MiB chunks. */
async function buildLayout(dir) {
  const blobs = path.join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const putJson = async (value) => {
    const bytes = Buffer.from(JSON.stringify(value));
    const hex = createHash('sha256').update(bytes).digest('hex');
    await writeFile(path.join(blobs, hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const temp = path.join(blobs, 'layer.tmp');
  const hash = createHash('sha256');
  const out = createWriteStream(temp);
  const chunk = Buffer.alloc(MiB);
  for (let written = 0; written < LAYER_BYTES; written += MiB) {
    randomFillSync(chunk);
    hash.update(chunk);
    if (!out.write(Buffer.from(chunk))) await new Promise((r) => out.once('drain', r));
  }
  out.end();
  await finished(out);
  const layerDigest = `sha256:${hash.digest('hex')}`;
  await rename(temp, path.join(blobs, layerDigest.slice(7)));
  const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: LAYER_BYTES };
  const config = await putJson({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layerDigest] }, config: {} });
  const manifest = await putJson({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: [layer],
  });
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': 'bench' },
        },
      ],
    }),
  );
  return manifest.digest;
}

function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function timed(pid, action) {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  const started = performance.now();
  await action();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  return { seconds, peak: Math.max(peak, rssOf(pid)) };
}

const skopeo = (args) => run('skopeo', ['--insecure-policy', ...args], { maxBuffer: 16 * MiB });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mibps = (seconds) => LAYER_BYTES / MiB / seconds;

async function main() {
  await ensureTools();
  const work = await mkdtemp(path.join(tmpdir(), 'ferry-bench-oci-'));
  const stops = [];
  try {
    const ferry = await spawnFerry({
      env: { FERRY_DATA_DIR: path.join(work, 'ferry'), FERRY_ADMIN_PASSWORD: PASSWORD, FERRY_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    });
    stops.push(ferry.stop);
    const ferryUrl = ferry.url;
    const ferryPort = ferry.port;
    const auth = { Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`, 'Content-Type': 'application/json' };
    for (const [p, body] of [
      ['/repository/api/project/create', { name: 'bench', displayName: 'bench' }],
      ['/repository/api/repo/create', { projectId: 'bench', name: 'images', type: 'DOCKER' }],
    ]) {
      const response = await fetch(`${ferryUrl}${p}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${p}: ${response.status} ${await response.text()}`);
    }

    const registry = await startRegistry();
    stops.push(registry.stop);
    const ferryBaseline = rssOf(ferry.child.pid);
    const results = { ferry: { push: [], pull: [], peak: 0 }, registry: { push: [], pull: [], peak: 0 } };
    for (let i = 0; i < RUNS; i++) {
      // A fresh layer per run: skopeo's blob-info cache would otherwise mount instead of uploading.
      const layout = path.join(work, `layout-${i}`);
      await buildLayout(layout);
      const targets = [
        [
          'ferry',
          `127.0.0.1:${ferryPort}/bench/images/app${i}`,
          ['--dest-creds', `admin:${PASSWORD}`],
          ['--src-creds', `admin:${PASSWORD}`],
          ferry.child.pid,
        ],
        ['registry', `${registry.host}/bench/app${i}`, [], [], registry.pid()],
      ];
      if (i % 2 === 1) targets.reverse();
      for (const [name, ref, destCreds, srcCreds, pid] of targets) {
        const push = await timed(pid, () =>
          skopeo(['copy', '--preserve-digests', '--dest-tls-verify=false', ...destCreds, `oci:${layout}:bench`, `docker://${ref}:bench`]),
        );
        const back = path.join(work, `back-${name}-${i}`);
        const pull = await timed(pid, () =>
          skopeo(['copy', '--preserve-digests', '--src-tls-verify=false', ...srcCreds, `docker://${ref}:bench`, `oci:${back}:bench`]),
        );
        await rm(back, { recursive: true, force: true });
        results[name].push.push(push.seconds);
        results[name].pull.push(pull.seconds);
        results[name].peak = Math.max(results[name].peak, push.peak, pull.peak);
      }
      await rm(layout, { recursive: true, force: true });
    }

    const hwm = Number(readFileSync(`/proc/${ferry.child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
    const row = (label, f, r) =>
      `${label.padEnd(6)} ferry ${mibps(f).toFixed(1).padStart(7)} MiB/s (${f.toFixed(2)} s)   registry ${mibps(r).toFixed(1).padStart(7)} MiB/s (${r.toFixed(2)} s)   ferry/registry ${(r / f).toFixed(2)}`;
    console.log(`\n${LAYER_BYTES / MiB} MiB single-layer image, skopeo ${RUNS} runs, medians:`);
    console.log(row('push', median(results.ferry.push), median(results.registry.push)));
    console.log(row('pull', median(results.ferry.pull), median(results.registry.pull)));
    console.log(
      `Ferry RSS: ${(ferryBaseline / MiB).toFixed(0)} MiB before, peak ${(results.ferry.peak / MiB).toFixed(0)} MiB during transfers (+${((results.ferry.peak - ferryBaseline) / MiB).toFixed(0)} MiB); VmHWM since start ${(hwm / MiB).toFixed(0)} MiB`,
    );
    console.log(`docker-registry peak RSS during transfers: ${(results.registry.peak / MiB).toFixed(0)} MiB`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
