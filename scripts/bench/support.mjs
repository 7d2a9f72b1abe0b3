// Shared pieces of the benchmark scripts (run with tsx): servers come from tests/support, as the
// suites start them; memory sampling and timing are here.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { spawnFerry } from '../../tests/support/harness.ts';
import { startRegistry as startTestRegistry } from '../../tests/support/registry.ts';

const benchAuth = `Basic ${Buffer.from('admin:bench-password').toString('base64')}`;

/** A JSON API call as the bench's admin (startFerry's password): the envelope's data, or its message thrown. */
export async function apiCall(base, method, url, body) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { Authorization: benchAuth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = await response.json();
  if (envelope.code !== 0) throw new Error(`${method} ${url}: ${envelope.message}`);
  return envelope.data;
}

/** Starts a production Ferry (needs `next build`) on its own embedded database, or again on `reuse`'s. */
export async function startFerry(workDir, env = {}, reuse = undefined) {
  const dataDir = reuse?.dataDir ?? path.join(workDir, `ferry-${randomBytes(4).toString('hex')}`);
  if (!reuse) {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
  }
  const ferry = await spawnFerry({
    env: { FERRY_DATA_DIR: dataDir, FERRY_ADMIN_PASSWORD: 'bench-password', FERRY_LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
  });
  return { ...ferry, pid: ferry.child.pid, dataDir };
}

/** Resident memory of a process and its children, in bytes (Linux /proc). */
export function treeRss(pid) {
  let total = 0;
  const visit = (p) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) total += Number(match[1]) * 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/) : []) visit(child);
    } catch {}
  };
  visit(pid);
  return total;
}

export function sampleRss(pid) {
  let peak = treeRss(pid);
  const baseline = peak;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, 100);
  return {
    baseline,
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

export const mb = (bytes) => bytes / 1024 / 1024;
export const fmt = (n, digits = 1) => n.toFixed(digits);

/** A Debian docker-registry on a loopback port with a fresh storage folder (the tests' helper). */
export async function startRegistry() {
  const registry = await startTestRegistry();
  return { ...registry, pid: registry.pid() };
}

async function writeRandomBlob(dir, size) {
  const tmp = path.join(dir, `tmp-${randomBytes(4).toString('hex')}`);
  const hash = createHash('sha256');
  const out = createWriteStream(tmp);
  for (let written = 0; written < size; ) {
    const chunk = randomBytes(Math.min(4 * 1024 * 1024, size - written));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
    written += chunk.length;
  }
  await new Promise((resolve) => out.end(resolve));
  const digest = hash.digest('hex');
  const { rename } = await import('node:fs/promises');
  await rename(tmp, path.join(dir, digest));
  return { digest: `sha256:${digest}`, size };
}

/** Writes an OCI image layout with random layers (streamed to disk, never held in memory). */
export async function writeOciLayout(dir, tag, layerSizes) {
  const blobs = path.join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const layers = [];
  for (const size of layerSizes)
    layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...(await writeRandomBlob(blobs, size)) });
  const putJson = async (value) => {
    const bytes = Buffer.from(JSON.stringify(value));
    const digest = createHash('sha256').update(bytes).digest('hex');
    await writeFile(path.join(blobs, digest), bytes);
    return { digest: `sha256:${digest}`, size: bytes.length };
  };
  const config = {
    mediaType: 'application/vnd.oci.image.config.v1+json',
    ...(await putJson({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
      config: {},
    })),
  };
  const manifest = await putJson({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers });
  await writeFile(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': tag } },
      ],
    }),
  );
  return { manifestDigest: manifest.digest, bytes: layerSizes.reduce((a, b) => a + b, 0) };
}

export function time(fn) {
  const started = performance.now();
  const result = fn();
  return Promise.resolve(result).then((value) => ({ value, seconds: (performance.now() - started) / 1000 }));
}

/**
 * `skopeo copy` with digests kept, over plain HTTP, with credentials for either side. Asynchronous:
 * a blocked event loop leaves the bench's kept-alive connections unaware that the server closed them.
 */
export async function skopeoCopy(from, to, { srcCreds, destCreds } = {}) {
  const args = ['copy', '--quiet', '--preserve-digests', '--src-tls-verify=false', '--dest-tls-verify=false'];
  if (srcCreds) args.push('--src-creds', srcCreds);
  if (destCreds) args.push('--dest-creds', destCreds);
  await promisify(execFile)('skopeo', [...args, from, to], { maxBuffer: 64 * 1024 * 1024 });
}
