import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { backend } from '../support/backends';
import { createConfig, createProjectWithRepo } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { type FerryProcess, spawnFerry } from '../support/harness';
import { jsonLogLines } from '../support/log-lines';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// Two instances on one PostgreSQL both run a sender loop: their claims (FOR UPDATE SKIP LOCKED)
// must share the outbox so each delivery is POSTed once. PGlite is one process, so PostgreSQL only.
const SECRET = 'several-senders-secret-0123456789';
const DELIVERIES = 40;

describe.runIf(backend === 'postgres')('webhook senders on several instances', { timeout: 120_000 }, () => {
  let one: FerryServer;
  let two: FerryProcess;
  let api: ApiClient;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    // A slow receiver keeps each batch in flight long enough for the other instance to claim the next.
    receiver = await startWebhookReceiver(SECRET, { delayMs: 400 });
    one = await startFerry({ env: { FERRY_RUNNER: 'on', FERRY_RUNNER_POLL_MS: '100', FERRY_SECRET_KEY: 'ef'.repeat(32) } });
    two = await spawnFerry({ env: one.env });
    api = apiClient(one.url);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop(), receiver?.stop()]);
  });

  it('POSTs every delivery exactly once, the instances sharing the work', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    await createConfig(api, repo, {
      name: 'shared',
      registry: 'http://127.0.0.1:9/ns',
      replicaType: 'SCHEDULED',
      setting: { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } },
    });
    const base = `/replication/api/remote/distribution/webhook/config/${repo.projectId}/${repo.repoName}/shared`;
    const rule = dataOf(await api.post<{ id: string }>(base, { url: `${receiver.url}/shared`, secret: SECRET, events: ['RUN_FAILED'] }));
    const queued: string[] = [];
    for (let i = 0; i < DELIVERIES; i++) queued.push(dataOf(await api.post<{ id: string }>(`${base}/${rule.id}/test`)).id);

    await expect.poll(() => receiver.received.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(DELIVERIES);
    // Anything sent twice would arrive within the claim's lease; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ids = receiver.received.map((hook) => hook.headers['x-ferry-delivery']);
    expect(ids).toHaveLength(DELIVERIES);
    expect(new Set(ids)).toEqual(new Set(queued));
    expect(receiver.received.every((hook) => hook.signatureValid === true)).toBe(true);
    const log = dataOf(
      await api.get<{ records: Array<{ status: string; attempts: number }> }>(`${base}/${rule.id}/deliveries?pageSize=100`),
    );
    expect(log.records.map((d) => [d.status, d.attempts])).toEqual(queued.map(() => ['DELIVERED', 1]));
    const senders = [one.output(), two.output()].map(
      (output) => jsonLogLines(output).filter((line) => line.msg === 'webhook attempt' && line.status === 'DELIVERED').length,
    );
    expect(senders[0] ?? 0).toBeGreaterThan(0);
    expect(senders[1] ?? 0).toBeGreaterThan(0);
    expect((senders[0] ?? 0) + (senders[1] ?? 0)).toBe(DELIVERIES);
  });
});
