import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSamples, sampleValue } from '../observability/prometheus-text';
import { apiClient, dataOf } from '../support/api-client';
import { backend } from '../support/backends';
import { createConfig, createProjectWithRepo, runsOf } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { freePort } from '../support/harness';

// Several instances share one PostgreSQL; PGlite is single-process by design, so this is PostgreSQL-only.
describe.runIf(backend === 'postgres')('two instances on one PostgreSQL', () => {
  let web: FerryServer | undefined;
  let worker: ChildProcess | undefined;
  afterAll(async () => {
    worker?.kill('SIGTERM');
    await web?.stop();
  });

  it('start each of 50 cron occurrences exactly once (web server + npm run worker)', async () => {
    const metricsToken = 'multi-instance-metrics-token';
    web = await startFerry({
      env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '100', FERRY_SECRET_KEY: 'ab'.repeat(32), FERRY_METRICS_TOKEN: metricsToken },
    });
    let workerLog = '';
    // The worker has no web server: it is scraped on a port of its own.
    const workerMetricsPort = await freePort();
    worker = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/worker.ts'], {
      env: {
        ...process.env,
        ...web.env,
        FERRY_RUNNER: 'on',
        FERRY_RUNNER_POLL_MS: '100',
        FERRY_METRICS_TOKEN: '',
        FERRY_METRICS_PORT: String(workerMetricsPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (chunk) => (workerLog += chunk));
    worker.stderr?.on('data', (chunk) => (workerLog += chunk));
    await expect.poll(() => workerLog, { timeout: 20_000 }).toContain('"msg":"worker running"');

    const api = apiClient(web.url);
    const { projectId, repoName } = await createProjectWithRepo(api);
    const config = await createConfig(
      api,
      { projectId, repoName },
      {
        name: 'every_second',
        registry: 'http://127.0.0.1:9/ns',
        replicaType: 'SCHEDULED',
        setting: { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '* * * * * ?' } },
      },
    );
    type Run = { queuedTime: string; status: string };
    const runs = () => runsOf<Run>(api, config.taskKey, 1000);
    await expect.poll(async () => (await runs()).length, { timeout: 90_000, interval: 1000 }).toBeGreaterThanOrEqual(50);
    dataOf(await api.post(`/replication/api/remote/distribution/toggle/status/${projectId}/${repoName}/every_second`));

    const all = await runs();
    const fireTimes = all.map((r) => r.queuedTime);
    expect(new Set(fireTimes).size).toBe(fireTimes.length);
    // Consecutive fire times are one second apart: no occurrence was lost either.
    const seconds = fireTimes.map((t) => Math.round(new Date(`${t}+08:00`).getTime() / 1000)).sort((a, b) => a - b);
    const first = seconds[0] ?? 0;
    const last = seconds[seconds.length - 1] ?? 0;
    expect(last - first + 1).toBe(seconds.length);
    expect(all.every((r) => r.status === 'SUCCESS' || r.status === 'SKIPPED' || r.status === 'RUNNING' || r.status === 'QUEUED')).toBe(
      true,
    );
    expect(workerLog).not.toContain('Error');

    // Scraped once the queue is empty, so a run claimed between the two scrapes cannot differ them.
    await expect
      .poll(async () => (await runs()).filter((r) => r.status === 'QUEUED' || r.status === 'RUNNING').length, { timeout: 30_000 })
      .toBe(0);
    // Each instance counts the runs it started; together, at least every run that has ended.
    const scrape = async (url: string, headers: Record<string, string> = {}) => {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(200);
      return parseSamples(await response.text());
    };
    const fromWorker = await scrape(`http://127.0.0.1:${workerMetricsPort}/metrics`);
    const fromWeb = await scrape(`${web.url}/metrics`, { Authorization: `Bearer ${metricsToken}` });
    const ended = (await runs()).filter((r) => r.status === 'SUCCESS').length;
    const started = sampleValue(fromWorker, 'ferry_runs_started_total') + sampleValue(fromWeb, 'ferry_runs_started_total');
    expect(started).toBeGreaterThanOrEqual(ended);
    expect(sampleValue(fromWorker, 'ferry_runs_started_total')).toBeGreaterThan(0);
    expect(sampleValue(fromWorker, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // The queue gauges read the shared database: both instances report the same queue.
    expect(sampleValue(fromWorker, 'ferry_runs_queued')).toBe(sampleValue(fromWeb, 'ferry_runs_queued'));
    // 50 one-second fire times, plus two servers starting on a loaded 2-core machine.
  }, 150_000);
});
