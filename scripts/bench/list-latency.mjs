// Seed-API `info` list with many configs against a no-op route on the same server: p95 latency over
// sequential requests (issue 12, figure 5: goal ≤ 2× the no-op). `npm run bench:scale` calls
// benchListLatency(); `npx tsx scripts/bench/list-latency.mjs` runs it alone (needs `next build`).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiCall, fmt, startFerry } from './support.mjs';

const auth = `Basic ${Buffer.from('admin:bench-password').toString('base64')}`;

const call = apiCall;

const percentile = (samples, p) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Milliseconds of each of `count` sequential GETs of `url` (after 10 warm-up calls), body read whole. */
async function timeGets(base, url, count) {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${base}${url}`, { headers: { Authorization: auth } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 10; i += 1) await once();
  const samples = [];
  for (let i = 0; i < count; i += 1) samples.push(await once());
  return samples;
}

/**
 * Starts a Ferry on its own embedded database, creates `configs` configs in one repository through
 * the API, and measures p95 of the unpaged `info` list, its first page of 20, and `/api/health`.
 */
export async function benchListLatency({ workDir = path.resolve('.tmp/bench-list-latency'), configs = 1000, requests = 200 } = {}) {
  await rm(workDir, { recursive: true, force: true });
  const ferry = await startFerry(workDir, { FERRY_RUNNER: 'off' });
  try {
    await call(ferry.url, 'POST', '/repository/api/project/create', { name: 'bench' });
    await call(ferry.url, 'POST', '/repository/api/repo/create', { projectId: 'bench', name: 'images', type: 'DOCKER' });
    for (let start = 0; start < configs; start += 100) {
      const batch = Array.from({ length: Math.min(100, configs - start) }, (_, k) => ({
        name: `cfg_${String(start + k + 1).padStart(5, '0')}`,
        registry: 'http://127.0.0.1:9/ns',
        replicaType: 'REAL_TIME',
        setting: {},
      }));
      await call(ferry.url, 'POST', '/replication/api/remote/distribution/create/bench/images', { configs: batch });
    }
    const listUrl = '/replication/api/remote/distribution/info/bench/images';
    const listed = await call(ferry.url, 'GET', listUrl);
    if (listed.length !== configs) throw new Error(`info listed ${listed.length} configs, not ${configs}`);
    const list = percentile(await timeGets(ferry.url, listUrl, requests), 95);
    const page = percentile(await timeGets(ferry.url, `${listUrl}?pageNumber=1&pageSize=20`, requests), 95);
    const health = percentile(await timeGets(ferry.url, '/api/health', requests), 95);
    return { configs, requests, listP95Ms: list, pageP95Ms: page, healthP95Ms: health, ratio: list / health, pageRatio: page / health };
  } finally {
    await ferry.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** One line per figure, as `npm run bench:scale` prints them. */
export function formatListLatency(result) {
  return [
    `info list, ${result.configs} configs, unpaged: p95 ${fmt(result.listP95Ms)} ms vs no-op ${fmt(result.healthP95Ms)} ms → ${fmt(result.ratio, 2)}× (goal ≤ 2×)`,
    `info list, ${result.configs} configs, page of 20: p95 ${fmt(result.pageP95Ms)} ms vs no-op ${fmt(result.healthP95Ms)} ms → ${fmt(result.pageRatio, 2)}×`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchListLatency();
  for (const line of formatListLatency(result)) console.log(line);
}
