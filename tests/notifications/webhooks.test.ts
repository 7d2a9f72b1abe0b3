import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { pushImageToFerry } from '../support/artifacts';
import { createConfig, createProjectWithRepo, createRunOnceTask, executeRunOnceTask, runsOf } from '../support/factories';
import { type FerryServer, startFerry } from '../support/ferry-server';
import { freePort } from '../support/harness';
import { jsonLogLines } from '../support/log-lines';
import { buildImage } from '../support/oci-images';
import { expectRefusal } from '../support/refusal';
import { type RegistryServer, startRegistry } from '../support/registry';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// Run notifications end to end: a real Ferry with its runner, a real docker-registry as the target,
// and a loopback receiver that verifies X-Ferry-Signature.
const SECRET = 'integration-webhook-secret-0123456789';
const MAX_ATTEMPTS = 3;

let ferry: FerryServer;
let registry: RegistryServer;
let receiver: WebhookReceiver;
let api: ApiClient;
beforeAll(async () => {
  [ferry, registry, receiver] = await Promise.all([
    startFerry({
      env: {
        FERRY_RUNNER: 'on',
        FERRY_RUNNER_POLL_MS: '200',
        FERRY_WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        FERRY_WEBHOOK_RETRY_SECONDS: '1',
        FERRY_WEBHOOK_SEND_SECONDS: '3',
        // A loopback address the policy refuses, to test denial without leaving the machine.
        FERRY_OUTBOUND_DENY: '127.0.0.2/32',
      },
    }),
    startRegistry(),
    startWebhookReceiver(SECRET),
  ]);
  api = apiClient(ferry.url);
});
afterAll(async () => {
  await Promise.all([ferry?.stop(), registry?.stop(), receiver?.stop()]);
});

const DIST = '/replication/api/remote/distribution';
const NOT_BEFORE_2099 = { executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2099-01-01T00:00:00' } };
type Rule = { id: string; url: string; events: string[]; hasSecret: boolean };
type Delivery = { id: string; event: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null };
type Repo = { projectId: string; repoName: string };

const rulesPath = (kind: 'config' | 'runOnceTask', repo: Repo, name: string) =>
  `${DIST}/webhook/${kind}/${repo.projectId}/${repo.repoName}/${name}`;
const deliveriesOf = async (base: string, ruleId: string) =>
  dataOf(await api.get<{ records: Delivery[] }>(`${base}/${ruleId}/deliveries?pageSize=50`)).records;
const hooksTo = (path: string) => receiver.received.filter((hook) => hook.path === path);

describe('run notifications', { timeout: 120_000 }, () => {
  it('announces a failed run once as RUN_FAILED, then its recovery as RUN_RECOVERED, signed, with the artifacts', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    const image = buildImage([64 * 1024]);
    await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag: 'v1' }, image);
    const config = await createConfig(api, repo, {
      name: 'announced',
      registry: `http://${registry.host}/hooks`,
      replicaType: 'SCHEDULED',
      packageConstraints: [{ packageName: 'app', versions: ['v1', 'v2'] }],
      setting: { conflictStrategy: 'OVERWRITE', ...NOT_BEFORE_2099 },
    });
    const base = rulesPath('config', repo, 'announced');
    const rule = dataOf(
      await api.post<Rule>(base, { url: `${receiver.url}/config-hook?k=1`, secret: SECRET, events: ['RUN_FAILED', 'RUN_RECOVERED'] }),
    );
    expect(rule).toMatchObject({ url: `${receiver.url}/config-hook?k=1`, events: ['RUN_FAILED', 'RUN_RECOVERED'], hasSecret: true });
    expect(JSON.stringify(rule)).not.toContain(SECRET);

    // v2 is missing: the run copies v1 and fails.
    dataOf(await api.post(`${DIST}/run/${repo.projectId}/${repo.repoName}/announced`));
    await expect.poll(() => hooksTo('/config-hook?k=1').length, { timeout: 30_000 }).toBe(1);
    const [failedRun] = await runsOf<{ id: string; status: string }>(api, config.taskKey);
    expect(failedRun?.status).toBe('FAILED');
    const failed = hooksTo('/config-hook?k=1')[0];
    expect(failed?.signatureValid).toBe(true);
    expect(failed?.headers['x-ferry-event']).toBe('RUN_FAILED');
    expect(failed?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(failed?.json).toMatchObject({
      event: 'RUN_FAILED',
      events: ['RUN_FAILED'],
      deliveryId: failed?.headers['x-ferry-delivery'],
      run: { id: failedRun?.id, status: 'FAILED', trigger: 'MANUAL', counts: { total: 2, succeeded: 1, failed: 1 } },
      task: { kind: 'CONFIG', projectId: repo.projectId, repoName: repo.repoName, name: 'announced', taskKey: config.taskKey },
      target: { kind: 'registry', registry: `http://${registry.host}/hooks` },
      artifactsTotal: 2,
      artifactsTruncated: false,
    });
    const artifacts = failed?.json.artifacts as Array<Record<string, unknown>>;
    expect(artifacts).toEqual([
      expect.objectContaining({ kind: 'IMAGE', name: 'app', version: 'v2', status: 'FAILED', digest: null }),
      expect.objectContaining({ kind: 'IMAGE', name: 'app', version: 'v1', status: 'SUCCESS', digest: image.manifest.digest }),
    ]);
    expect((failed?.json.run as { bytes: { done: number } } | undefined)?.bytes.done).toBeGreaterThan(64 * 1024);

    // v2 pushed: the next run succeeds, which is a recovery (RUN_SUCCEEDED is not subscribed).
    await pushImageToFerry(ferry.url, { ...repo, image: 'app', tag: 'v2' }, buildImage([32 * 1024]));
    dataOf(await api.post(`${DIST}/run/${repo.projectId}/${repo.repoName}/announced`));
    await expect.poll(() => hooksTo('/config-hook?k=1').length, { timeout: 30_000 }).toBe(2);
    const recovered = hooksTo('/config-hook?k=1')[1];
    expect(recovered?.signatureValid).toBe(true);
    expect(recovered?.json).toMatchObject({ event: 'RUN_RECOVERED', events: ['RUN_RECOVERED'], run: { status: 'SUCCESS' } });

    // A third run succeeds too: nothing subscribed fires.
    dataOf(await api.post(`${DIST}/run/${repo.projectId}/${repo.repoName}/announced`));
    await expect.poll(async () => (await runsOf<{ status: string }>(api, config.taskKey))[0]?.status, { timeout: 30_000 }).toBe('SUCCESS');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(hooksTo('/config-hook?k=1')).toHaveLength(2);
    const log = await deliveriesOf(base, rule.id);
    expect(log.map((d) => [d.event, d.status, d.attempts, d.lastStatusCode])).toEqual([
      ['RUN_RECOVERED', 'DELIVERED', 1, 200],
      ['RUN_FAILED', 'DELIVERED', 1, 200],
    ]);
  });

  it('sends RUN_SUCCEEDED beside RUN_RECOVERED when subscribed, as one POST per run and rule', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    await pushImageToFerry(ferry.url, { ...repo, image: 'svc', tag: '1' }, buildImage([16 * 1024]));
    await createConfig(api, repo, {
      name: 'both',
      registry: `http://${registry.host}/both`,
      replicaType: 'SCHEDULED',
      packageConstraints: [{ packageName: 'svc', versions: ['1', '2'] }],
      setting: { conflictStrategy: 'OVERWRITE', ...NOT_BEFORE_2099 },
    });
    const base = rulesPath('config', repo, 'both');
    dataOf(await api.post<Rule>(base, { url: `${receiver.url}/both`, events: ['RUN_SUCCEEDED', 'RUN_RECOVERED'] }));
    dataOf(await api.post(`${DIST}/run/${repo.projectId}/${repo.repoName}/both`));
    // The failed run is not subscribed; wait for it to end, then make the next one succeed.
    await expect
      .poll(async () => (await runsOf<{ status: string }>(api, (await configKey(repo, 'both')) ?? ''))[0]?.status, { timeout: 30_000 })
      .toBe('FAILED');
    await pushImageToFerry(ferry.url, { ...repo, image: 'svc', tag: '2' }, buildImage([16 * 1024]));
    dataOf(await api.post(`${DIST}/run/${repo.projectId}/${repo.repoName}/both`));
    await expect.poll(() => hooksTo('/both').length, { timeout: 30_000 }).toBe(1);
    const [hook] = hooksTo('/both');
    expect(hook?.json).toMatchObject({ event: 'RUN_RECOVERED', events: ['RUN_SUCCEEDED', 'RUN_RECOVERED'] });
    // No secret on this rule: no signature header.
    expect(hook?.signatureValid).toBeNull();
  });

  it("retries a run-once task's notification the receiver refused with 500, then it is DELIVERED on attempt 2", async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    await createRunOnceTask(api, {
      ...repo,
      name: 'once',
      registry: `http://${registry.host}/once`,
      packageName: 'missing',
      versions: ['1'],
    });
    const base = rulesPath('runOnceTask', repo, 'once');
    const rule = dataOf(await api.post<Rule>(base, { url: `${receiver.url}/once`, secret: SECRET, events: ['RUN_FAILED'] }));
    receiver.answerNext(500);
    await executeRunOnceTask(api, repo, 'once');
    await expect.poll(async () => (await deliveriesOf(base, rule.id))[0]?.status, { timeout: 30_000 }).toBe('DELIVERED');
    const [delivery] = await deliveriesOf(base, rule.id);
    expect(delivery).toMatchObject({ event: 'RUN_FAILED', attempts: 2, lastStatusCode: 200, lastError: null });
    const hooks = hooksTo('/once');
    expect(hooks).toHaveLength(2);
    // The same body and signature on every attempt; the attempt number travels in a header.
    expect(hooks[0]?.body).toBe(hooks[1]?.body);
    expect(hooks.map((h) => [h.signatureValid, h.headers['x-ferry-attempt']])).toEqual([
      [true, '1'],
      [true, '2'],
    ]);
    expect(hooks[0]?.json).toMatchObject({ task: { kind: 'RUN_ONCE', name: 'once' } });
  });

  it('marks a delivery FAILED after the last attempt when nothing listens, with the last error; "send test" goes through the same path', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    await createConfig(api, repo, {
      name: 'down',
      registry: `http://${registry.host}/down`,
      replicaType: 'SCHEDULED',
      setting: NOT_BEFORE_2099,
    });
    const base = rulesPath('config', repo, 'down');
    const port = await freePort();
    const rule = dataOf(await api.post<Rule>(base, { url: `http://127.0.0.1:${port}/gone`, secret: SECRET, events: ['RUN_FAILED'] }));
    const test = dataOf(await api.post<Delivery>(`${base}/${rule.id}/test`));
    expect(test).toMatchObject({ event: 'TEST', status: 'PENDING', attempts: 0 });
    await expect.poll(async () => (await deliveriesOf(base, rule.id))[0]?.status, { timeout: 30_000 }).toBe('FAILED');
    const [delivery] = await deliveriesOf(base, rule.id);
    expect(delivery).toMatchObject({ id: test.id, attempts: MAX_ATTEMPTS, lastStatusCode: null });
    expect(delivery?.lastError).toContain('ECONNREFUSED');

    // A test to the live receiver arrives signed.
    const live = dataOf(await api.post<Rule>(base, { url: `${receiver.url}/test-hook`, secret: SECRET, events: ['RUN_FAILED'] }));
    dataOf(await api.post(`${base}/${live.id}/test`));
    await expect.poll(() => hooksTo('/test-hook').length, { timeout: 15_000 }).toBe(1);
    expect(hooksTo('/test-hook')[0]).toMatchObject({ signatureValid: true, json: expect.objectContaining({ event: 'TEST' }) });

    // Deleting a rule takes its log with it.
    dataOf(await api.delete(`${base}/${rule.id}`));
    expect(dataOf(await api.get<Rule[]>(base)).map((r) => r.id)).toEqual([live.id]);
    expectRefusal(await api.get(`${base}/${rule.id}/deliveries`), 404, 250108, rule.id);
  });

  it('refuses hostile input with a clear error and stores nothing', async () => {
    const repo = await createProjectWithRepo(api, 'DOCKER');
    await createConfig(api, repo, {
      name: 'guarded',
      registry: `http://${registry.host}/g`,
      replicaType: 'SCHEDULED',
      setting: NOT_BEFORE_2099,
    });
    const base = rulesPath('config', repo, 'guarded');
    const ok = { url: `${receiver.url}/x`, events: ['RUN_FAILED'] };
    expectRefusal(await api.post(base, { ...ok, url: 'http://127.0.0.2:8080/hook' }), 400, 250105, 'outbound policy refuses 127.0.0.2');
    expectRefusal(await api.post(base, { ...ok, url: 'http://169.254.169.254/latest' }), 400, 250105, 'link-local/metadata');
    expectRefusal(await api.post(base, { ...ok, url: 'ftp://127.0.0.1/x' }), 400, 250105, '[url]');
    expectRefusal(await api.post(base, { ...ok, url: 'http://user:pw@127.0.0.1/x' }), 400, 250105, 'must not carry credentials');
    expectRefusal(await api.post(base, { ...ok, url: 'not a url' }), 400, 250105, '[url]');
    expectRefusal(await api.post(base, { ...ok, url: `${receiver.url}/\u0000` }), 400, 250105, 'NUL');
    expectRefusal(await api.post(base, { ...ok, url: `${receiver.url}/${'a'.repeat(3000)}` }), 400, 250105, 'url');
    expectRefusal(await api.post(base, { ...ok, events: 'RUN_FAILED' }), 400, 250106, 'events');
    expectRefusal(await api.post(base, { ...ok, events: [] }), 400, 250105, 'events');
    expectRefusal(await api.post(base, { ...ok, events: ['RUN_EXPLODED'] }), 400, 250106, 'events');
    expectRefusal(await api.post(base, { ...ok, events: ['RUN_FAILED', 'RUN_FAILED'] }), 400, 250105, 'events');
    expectRefusal(await api.post(base, { ...ok, secret: 'short' }), 400, 250105, 'secret');
    expectRefusal(await api.post(base, { ...ok, secret: 1234567890123456 }), 400, 250106, 'secret');
    expectRefusal(await api.post(base, { url: 42, events: ['RUN_FAILED'] }), 400, 250106, 'url');
    expectRefusal(await api.post(base, '[1,2'), 400, 250106);
    const huge = await api.post(base, { ...ok, padding: 'x'.repeat(2 * 1024 * 1024) });
    expect([huge.status, huge.body.code]).toEqual([413, 250121]);
    // Unknown owner kind, config, rule, path and method.
    expectRefusal(await api.get(`${DIST}/webhook/pipeline/${repo.projectId}/${repo.repoName}/guarded`), 404, 250123, 'pipeline');
    expectRefusal(await api.get(rulesPath('config', repo, 'nope')), 404, 250310, 'nope');
    expectRefusal(await api.get(rulesPath('runOnceTask', repo, 'guarded')), 404, 250310, 'Run-once task');
    expectRefusal(await api.delete(`${base}/000000000000000000000000`), 404, 250108);
    expectRefusal(await api.post(`${base}/000000000000000000000000/test`), 404, 250108);
    expectRefusal(await api.get(`${base}/x/y/z/w`), 404, 250123);
    const put = await fetch(`${ferry.url}${base}`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${Buffer.from('admin:admin-test-password').toString('base64')}` },
    });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toContain('POST');
    expectRefusal(await api.get(`${base}/${'z'.repeat(24)}/deliveries?pageSize=0`), 400, 250105, 'pageSize');
    expect(dataOf(await api.get<Rule[]>(base))).toEqual([]);
  });

  it('never returns or logs a rule secret', async () => {
    // Every rule above was made with SECRET; it went through create, the audit log and every send.
    const audit = dataOf(
      await api.get<{ records: Array<{ action: string; detail: unknown }> }>('/repository/api/admin/audit?action=webhook.create'),
    );
    expect(audit.records.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.records)).not.toContain(SECRET);
    const lines = jsonLogLines(ferry.output());
    expect(lines.some((line) => line.msg === 'webhook attempt')).toBe(true);
    expect(ferry.output()).not.toContain(SECRET);
  });
});

async function configKey(repo: Repo, name: string): Promise<string | undefined> {
  const [info] = dataOf(await api.get<Array<{ taskKey: string }>>(`${DIST}/info/${repo.projectId}/${repo.repoName}/${name}`));
  return info?.taskKey;
}
