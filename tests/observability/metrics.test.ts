import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../support/api-client';
import { uploadFile } from '../support/artifacts';
import { createClusterNode, createImageRepo, createProjectWithRepo, runOnceTaskToEnd } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { jsonLogLines } from '../support/log-lines';
import { buildImage } from '../support/oci-images';
import { type RegistryServer, startRegistry } from '../support/registry';
import { hasSample, parseSamples, type Sample, sampleValue } from './prometheus-text';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const PEER_PASSWORD = 'peer-admin-password';
const registryCreds = { username: 'robot', password: 'robot-secret-obs-7' };
const WRONG_PASSWORD = 'wrong-password-never-logged';
let ferry: FerryServer;
let peer: FerryServer;
let registry: RegistryServer;
let api: ApiClient;

beforeAll(async () => {
  [ferry, peer, registry] = await Promise.all([
    startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '200', FERRY_METRICS_TOKEN: METRICS_TOKEN } }),
    startFerry({ env: { FERRY_ADMIN_PASSWORD: PEER_PASSWORD } }),
    startRegistry({ htpasswd: registryCreds }),
  ]);
  api = apiClient(ferry.url);
});
afterAll(async () => {
  await Promise.all([ferry?.stop(), peer?.stop(), registry?.stop()]);
});

type Status = { id: string; status: string; progress: Record<string, number> };

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const response = await fetch(`${ferry.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  return { text, samples: parseSamples(text) };
}

const logLines = (server: FerryServer) => jsonLogLines(server.output());

describe('/metrics after replication runs', () => {
  it('shows a run to a registry: started, finished, its bytes, its artifacts and its duration', async () => {
    const image = buildImage([300_000, 50_000]);
    const { projectId, repoName } = await createImageRepo(api, ferry.url, { name: 'app', tag: '1.0' }, image);
    const status = await runOnceTaskToEnd<Status>(api, {
      projectId,
      repoName,
      name: 'to_registry',
      registry: `http://${registry.host}/mirror`,
      username: registryCreds.username,
      password: registryCreds.password,
      packageName: 'app',
      versions: ['1.0'],
    });
    expect(status.status).toBe('SUCCESS');
    const blobBytes = image.blobs.reduce((sum, blob) => sum + blob.size, 0);
    expect(status.progress.doneBytes).toBe(blobBytes);

    const { text, samples } = await scrape();
    const registryRun = { target_kind: 'registry' };
    expect(sampleValue(samples, 'ferry_runs_started_total', registryRun)).toBe(1);
    expect(sampleValue(samples, 'ferry_runs_finished_total', { ...registryRun, outcome: 'SUCCESS' })).toBe(1);
    expect(sampleValue(samples, 'ferry_run_duration_seconds_count', { ...registryRun, outcome: 'SUCCESS' })).toBe(1);
    expect(sampleValue(samples, 'ferry_run_duration_seconds_sum', { ...registryRun, outcome: 'SUCCESS' })).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'ferry_run_duration_seconds_bucket', { ...registryRun, outcome: 'SUCCESS', le: '+Inf' })).toBe(1);
    expect(sampleValue(samples, 'ferry_transferred_bytes_total', { target_kind: 'registry', target: registry.host })).toBe(blobBytes);
    expect(sampleValue(samples, 'ferry_transferred_artifacts_total', { target_kind: 'registry', outcome: 'SUCCESS' })).toBe(1);

    // Requests by route template: the push into Ferry and the API calls, never their raw paths.
    expect(
      sampleValue(samples, 'ferry_http_requests_total', { route: '/v2/{name}/manifests/{reference}', method: 'PUT', status: '201' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'ferry_http_requests_total', {
        route: '/replication/api/remote/distribution/create/runOnceTask/{projectId}/{repoName}',
        method: 'POST',
        status: '200',
      }),
    ).toBe(1);
    expect(
      hasSample(samples, 'ferry_http_request_duration_seconds_bucket', {
        route: '/repository/api/repo/create',
        method: 'POST',
        le: '+Inf',
      }),
    ).toBe(true);
    expect(text).not.toContain(projectId);

    // The blob store: the pushed image was written, the run read it back.
    expect(sampleValue(samples, 'ferry_blob_store_bytes_total', { direction: 'write' })).toBeGreaterThanOrEqual(blobBytes);
    expect(sampleValue(samples, 'ferry_blob_store_bytes_total', { direction: 'read' })).toBeGreaterThanOrEqual(blobBytes);
    const stored = ['put', 'commitUpload']
      .map((operation) => sampleValue(samples, 'ferry_blob_store_operation_duration_seconds_count', { operation, result: 'ok' }))
      .reduce((sum, count) => sum + count, 0);
    expect(stored).toBeGreaterThanOrEqual(image.blobs.length);

    // The shared queue, read from the database at scrape time; process metrics from prom-client.
    expect(sampleValue(samples, 'ferry_runs_queued')).toBe(0);
    expect(sampleValue(samples, 'ferry_runs_oldest_queued_age_seconds')).toBe(0);
    expect(hasSample(samples, 'ferry_event_outbox_lag_events')).toBe(true);
    expect(hasSample(samples, 'ferry_event_outbox_lag_seconds')).toBe(true);
    expect(hasSample(samples, 'ferry_lease_takeovers_total')).toBe(true);
    expect(hasSample(samples, 'process_cpu_user_seconds_total')).toBe(true);
    expect(hasSample(samples, 'nodejs_heap_size_used_bytes')).toBe(true);
  });

  it("sends the run's X-Request-Id to a peer Ferry and logs the run's lines with its executionId", async () => {
    const cluster = await createClusterNode(api, { url: peer.url, username: 'admin', password: PEER_PASSWORD });
    const { projectId, repoName } = await createProjectWithRepo(api, 'GENERIC');
    const content = randomBytes(40_000);
    expect((await uploadFile(ferry.url, { projectId, repoName, path: '/a/file.bin' }, content)).status).toBe(200);
    const status = await runOnceTaskToEnd<Status>(api, {
      projectId,
      repoName,
      name: 'to_peer',
      clusterId: cluster.id,
      remoteProjectId: 'obsmirror',
      remoteRepoName: 'files',
      pathConstraints: ['/a'],
    });
    expect(status.status).toBe('SUCCESS');
    // The peer logged the requests it received under the run's id.
    await expect.poll(() => peer.output()).toContain(`"traceId":"${status.id}"`);
    const runLines = logLines(ferry).filter((line) => line.executionId === status.id);
    expect(runLines.map((line) => line.msg)).toEqual(expect.arrayContaining(['run started', 'run finished']));
    expect(runLines.filter((line) => line.traceId !== status.id)).toEqual([]);

    const { samples } = await scrape();
    expect(sampleValue(samples, 'ferry_transferred_bytes_total', { target_kind: 'cluster', target: cluster.name })).toBe(content.length);
    expect(sampleValue(samples, 'ferry_runs_finished_total', { target_kind: 'cluster', outcome: 'SUCCESS' })).toBe(1);
  });

  it('counts a failed run, and logs JSON lines with a traceId and never the remote password', async () => {
    const image = buildImage([20_000]);
    const { projectId, repoName } = await createImageRepo(api, ferry.url, { name: 'denied', tag: '1' }, image);
    const status = await runOnceTaskToEnd<Status>(api, {
      projectId,
      repoName,
      name: 'wrong_password',
      registry: `http://${registry.host}/mirror`,
      username: registryCreds.username,
      password: WRONG_PASSWORD,
      packageName: 'denied',
      versions: ['1'],
    });
    expect(status.status).toBe('FAILED');
    const { samples } = await scrape();
    expect(sampleValue(samples, 'ferry_runs_finished_total', { target_kind: 'registry', outcome: 'FAILED' })).toBe(1);
    expect(sampleValue(samples, 'ferry_transferred_artifacts_total', { target_kind: 'registry', outcome: 'FAILED' })).toBe(1);

    const lines = logLines(ferry);
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      expect(line).toEqual(expect.objectContaining({ time: expect.any(String), level: expect.any(String), msg: expect.any(String) }));
      expect(line.traceId).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    }
    const failed = lines.find((line) => line.msg === 'artifact failed' && line.executionId === status.id);
    expect(failed?.traceId).toBe(status.id);
    const output = ferry.output();
    expect(output).not.toContain(WRONG_PASSWORD);
    expect(output).not.toContain(registryCreds.password);
    expect(output).not.toContain(PEER_PASSWORD);
    expect(output).not.toContain(METRICS_TOKEN);
  });
});
