#!/usr/bin/env node
// npm run bench:store — throughput and memory of Ferry's blob store through the generic API.
// Starts a production Ferry (building it first if there is no build) on a temporary data dir,
// uploads and downloads a 1 GB file with curl, and prints MB/s beside the same bytes copied with
// `cp` and sent with curl to a trivial Node HTTP sink/source (which writes/reads the disk without
// hashing), all in the same run, plus Ferry's peak RSS sampled every 100 ms.
// Targets (from the issue): within 2x of the raw copy, RSS growth < 100 MB.
// Then the same file through a Ferry on the S3 store (FERRY_BLOB_STORE=s3, the test radosgw of
// scripts/ensure-radosgw.sh) beside the AWS SDK uploading (lib-storage) and downloading it
// directly to/from that radosgw: Ferry's overhead over the raw S3 path should stay ≤ 1.5×.
//
// Options: BENCH_SIZE_MB (default 1024), BENCH_KEEP=1 keeps the temporary folder, BENCH_S3=0
// skips the S3 part.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { freePort, spawnFerry } from '../tests/support/harness.ts';
import { radosgwEnv } from '../tests/support/radosgw.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizeMb = Number(process.env.BENCH_SIZE_MB ?? 1024);
const size = sizeMb * 1024 * 1024;
const password = 'bench-password-1';
const auth = `admin:${password}`;

const work = await mkdtemp(path.join(tmpdir(), 'ferry-bench-'));
const cleanups = [];
const cleanup = async () => {
  for (const run of cleanups.reverse()) await run().catch(() => undefined);
  if (!process.env.BENCH_KEEP) await rm(work, { recursive: true, force: true });
};
process.on('SIGINT', () => cleanup().then(() => process.exit(130)));

try {
  await main();
} finally {
  await cleanup();
}

async function main() {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.log('== no production build: running next build');
    execFileSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { cwd: root, stdio: 'inherit' });
  }
  const source = path.join(work, 'source.bin');
  console.log(`== writing a ${sizeMb} MB random file in ${work}`);
  const sha256 = await writeRandomFile(source, size);

  const results = [];
  const measure = async (label, run) => {
    const started = performance.now();
    await run();
    const seconds = (performance.now() - started) / 1000;
    results.push({ label, seconds, mbPerSecond: sizeMb / seconds });
    console.log(`   ${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s ${(sizeMb / seconds).toFixed(0).padStart(6)} MB/s`);
    return seconds;
  };

  console.log('== baselines');
  const cpSeconds = await measure('cp (disk to disk)', () => run('cp', [source, path.join(work, 'copy.bin')]));
  await rm(path.join(work, 'copy.bin'));
  // Ferry fsyncs an upload before it answers; cp alone leaves the bytes in the page cache.
  const cpSyncSeconds = await measure('cp + sync (durable copy)', async () => {
    await run('cp', [source, path.join(work, 'copy.bin')]);
    await run('sync', [path.join(work, 'copy.bin')]);
  });
  await rm(path.join(work, 'copy.bin'));

  const plain = await startPlainNodeServer(path.join(work, 'plain'));
  cleanups.push(plain.stop);
  const plainUp = await measure('curl -T → plain Node sink', () =>
    run('curl', ['-sS', '-f', '-T', source, `${plain.url}/file`, '-o', '/dev/null']),
  );
  const plainDown = await measure('curl ← plain Node source', () =>
    run('curl', ['-sS', '-f', `${plain.url}/file`, '-o', path.join(work, 'plain-down.bin')]),
  );
  await rm(path.join(work, 'plain-down.bin'));
  await plain.stop();

  console.log('== Ferry (next start, embedded PGlite)');
  const ferry = await startFerry(path.join(work, 'ferry-data'));
  cleanups.push(ferry.stop);
  const {
    up: ferryUp,
    down: ferryDown,
    baseline,
    peak,
  } = await ferryRoundTrip(ferry.url, ferry.pid, 'generic', { source, sha256, measure });

  // Hook for the OCI engineer: push/pull a 500 MB layer through /v2/ here with the same
  // `measure` / `sampleResident` helpers and add the rows to the summary below.
  await ferry.stop();

  const s3 = process.env.BENCH_S3 === '0' ? null : await benchS3(source, sha256, measure);

  console.log('== summary');
  const ratio = (a, b) => (a / b).toFixed(2);
  console.log(
    `   upload:   Ferry ${ratio(ferryUp, cpSeconds)}x the time of cp, ${ratio(ferryUp, cpSyncSeconds)}x cp + sync, ${ratio(ferryUp, plainUp)}x a plain Node sink`,
  );
  console.log(`   download: Ferry ${ratio(ferryDown, cpSeconds)}x the time of cp, ${ratio(ferryDown, plainDown)}x a plain Node source`);
  const growthMb = (peak - baseline) / 1024;
  console.log(
    `   Ferry RSS: ${(baseline / 1024).toFixed(0)} MB before, peak ${(peak / 1024).toFixed(0)} MB, growth ${growthMb.toFixed(0)} MB`,
  );
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  console.log(
    `   targets: within 2x of the raw copy → upload vs cp + sync ${verdict(ferryUp <= 2 * cpSyncSeconds)}, download vs cp ${verdict(ferryDown <= 2 * cpSeconds)}; ` +
      `within 2x of plain Node HTTP → upload ${verdict(ferryUp <= 2 * plainUp)}, download ${verdict(ferryDown <= 2 * plainDown)}; RSS growth < 100 MB → ${verdict(growthMb < 100)}`,
  );
  if (s3) {
    console.log(
      `   S3 store: upload ${ratio(s3.ferryUp, s3.sdkUp)}x the time of the SDK's own upload, download ${ratio(s3.ferryDown, s3.sdkDown)}x its download; ` +
        `RSS growth ${s3.growthMb.toFixed(0)} MB`,
    );
    console.log(
      `   targets: ≤ 1.5x the raw S3 path → upload ${verdict(s3.ferryUp <= 1.5 * s3.sdkUp)}, download ${verdict(s3.ferryDown <= 1.5 * s3.sdkDown)}; RSS growth < 100 MB → ${verdict(s3.growthMb < 100)}`,
    );
  }
  console.log('   (digests verified: the downloaded file hashes to the uploaded sha256)');
}

/** The same file to radosgw through the SDK directly, then through a Ferry on FERRY_BLOB_STORE=s3. */
async function benchS3(source, sha256, measure) {
  console.log('== S3 (radosgw on loopback, scripts/ensure-radosgw.sh)');
  const s3Env = radosgwEnv();
  const prefix = `bench-${randomBytes(4).toString('hex')}/`;
  const client = new S3Client({
    endpoint: s3Env.FERRY_S3_ENDPOINT,
    region: s3Env.FERRY_S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: s3Env.FERRY_S3_ACCESS_KEY_ID, secretAccessKey: s3Env.FERRY_S3_SECRET_ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = s3Env.FERRY_S3_BUCKET;
  cleanups.push(async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    for (const object of listed.Contents ?? []) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
    client.destroy();
  });
  const rawKey = `${prefix}raw/source.bin`;
  const sdkUp = await measure('SDK Upload (lib-storage) → S3', () =>
    new Upload({ client, params: { Bucket: bucket, Key: rawKey, Body: createReadStream(source) }, partSize: 8 * 1024 * 1024 }).done(),
  );
  const sdkDownloaded = path.join(work, 'sdk-down.bin');
  const sdkDown = await measure('SDK GetObject ← S3', async () => {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: rawKey }));
    await pipeline(object.Body, createWriteStream(sdkDownloaded));
  });
  await rm(sdkDownloaded);

  const spawned = await spawnFerry({
    env: {
      FERRY_DATA_DIR: path.join(work, 'ferry-s3-data'),
      FERRY_ADMIN_PASSWORD: password,
      FERRY_LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...s3Env,
      FERRY_BLOB_STORE: 's3',
      FERRY_S3_PREFIX: `${prefix}ferry/`,
    },
  });
  cleanups.push(spawned.stop);
  const {
    up: ferryUp,
    down: ferryDown,
    baseline,
    peak,
  } = await ferryRoundTrip(spawned.url, spawned.child.pid, '(S3 store)', {
    source,
    sha256,
    measure,
  });
  await spawned.stop();
  return { sdkUp, sdkDown, ferryUp, ferryDown, growthMb: (peak - baseline) / 1024 };
}

/** Creates the bench repository, PUTs and GETs the file with curl and checks its digest, sampling Ferry's RSS meanwhile. */
async function ferryRoundTrip(ferryUrl, pid, label, { source, sha256, measure }) {
  await api(ferryUrl, 'POST', '/repository/api/project/create', { name: 'bench' });
  await api(ferryUrl, 'POST', '/repository/api/repo/create', { projectId: 'bench', name: 'files', type: 'GENERIC' });
  const fileUrl = `${ferryUrl}/generic/bench/files/big/source.bin`;
  const baseline = await residentKb(pid);
  const sampler = sampleResident(pid);
  const up = await measure(`curl -T → Ferry ${label} PUT`, () =>
    run('curl', ['-sS', '-f', '-u', auth, '-T', source, '-H', `X-BKREPO-SHA256: ${sha256}`, fileUrl, '-o', '/dev/null']),
  );
  const downloaded = path.join(work, 'ferry-down.bin');
  const down = await measure(`curl ← Ferry ${label} GET`, () => run('curl', ['-sS', '-f', '-u', auth, fileUrl, '-o', downloaded]));
  const peak = sampler.stop();
  const roundTrip = await hashFile(downloaded);
  await rm(downloaded);
  if (roundTrip !== sha256) throw new Error(`downloaded sha256 ${roundTrip} (Ferry ${label}) differs from ${sha256}`);
  return { up, down, baseline, peak };
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

async function writeRandomFile(file, bytes) {
  const hash = createHash('sha256');
  const block = 4 * 1024 * 1024;
  async function* chunks() {
    for (let written = 0; written < bytes; written += block) {
      const chunk = randomBytes(Math.min(block, bytes - written));
      hash.update(chunk);
      yield chunk;
    }
  }
  await pipeline(chunks, createWriteStream(file));
  return hash.digest('hex');
}

async function hashFile(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/** The baseline: Node's HTTP server writing the body to disk / streaming it back, nothing else. */
async function startPlainNodeServer(file) {
  const server = http.createServer((request, response) => {
    if (request.method === 'PUT') {
      pipeline(request, createWriteStream(file, { flush: true }))
        .then(() => response.end('ok'))
        .catch(() => response.destroy());
      return;
    }
    stat(file).then((info) => {
      response.writeHead(200, { 'Content-Length': info.size });
      pipeline(createReadStream(file), response).catch(() => undefined);
    });
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function startFerry(dataDir) {
  const ferry = await spawnFerry({
    env: { FERRY_DATA_DIR: dataDir, FERRY_ADMIN_PASSWORD: password, FERRY_LOG_LEVEL: 'warn', DATABASE_URL: '' },
  });
  return { ...ferry, pid: ferry.child.pid };
}

async function api(baseUrl, method, route, body) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const payload = await response.json();
  if (payload.code !== 0) throw new Error(`${method} ${route}: ${payload.message}`);
  return payload.data;
}

async function residentKb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function sampleResident(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    residentKb(pid)
      .then((kb) => {
        peak = Math.max(peak, kb);
      })
      .catch(() => undefined);
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
