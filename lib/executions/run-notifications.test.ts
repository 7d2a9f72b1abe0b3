import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitConfig, unitDatabaseForFile } from '../../tests/support/unit-database';
import { webhookDeliveries, webhookRules } from '../db/schema';
import { outboundPolicy } from '../net/outbound-policy';
import type { NotificationEvent } from '../notifications/events';
import { pruneWebhookDeliveries } from '../notifications/prune-deliveries';
import { createWebhookRule } from '../notifications/rules';
import { sendDueDeliveries } from '../notifications/send-deliveries';
import { cancelExecution } from './cancel-execution';
import { finishExecution } from './finish-execution';
import { claimNextExecution } from './lease';
import { addArtifacts, queueExecution } from './queue-execution';

// The secret box and the outbound policy read the environment on first use.
process.env.FERRY_SECRET_KEY = 'ab'.repeat(32);
process.env.FERRY_OUTBOUND_DENY = '127.0.0.2/32';

const unit = unitDatabaseForFile();
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const SECRET = 'unit-test-webhook-secret';
const SEND = { maxAttempts: 3, retryBaseMs: 1000, timeoutMs: 2000 };

type Received = { headers: IncomingMessage['headers']; body: string };
let server: Server;
let receiverUrl: string;
const received: Received[] = [];
let answer: (res: ServerResponse) => void = (res) => res.end('ok');
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => server.close());

/** A config with one rule (to `url`, for `events`) and a function that runs it to `status` at `time`. */
async function configWithRule(name: string, events: NotificationEvent[], url = receiverUrl) {
  const { repo, config } = await createUnitConfig(unit.db, { name, replicaType: 'SCHEDULED', now: t0, setting: {} });
  const rule = await createWebhookRule(unit.db, {
    owner: { kind: 'config', projectName: repo.projectName, repoName: repo.repoName, name },
    rule: { url, secret: SECRET, events },
    actor: 'admin',
    now: t0,
    policy: outboundPolicy(),
  });
  const run = async (status: 'SUCCESS' | 'FAILED' | 'CANCELLED', time: number, artifacts: Parameters<typeof addArtifacts>[2] = []) => {
    const { executionId } = await queueExecution(unit.db, { trigger: 'MANUAL', task: config, now: at(time) });
    const claimed = await claimNextExecution(unit.db, 'a', 60_000, at(time + 1));
    expect(claimed?.id).toBe(executionId);
    await addArtifacts(unit.db, executionId, artifacts);
    if (status === 'CANCELLED') await cancelExecution(unit.db, executionId, 'admin', at(time + 2));
    else await finishExecution(unit.db, { executionId, status, errorReason: status === 'FAILED' ? 'boom' : null, now: at(time + 2) });
    return executionId;
  };
  const deliveries = () => unit.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.ruleId, rule.id));
  return { rule, run, deliveries, config };
}

describe('queueRunNotifications (through finishExecution)', () => {
  it('queues one RUN_FAILED delivery with the run in its body, and none for a cancelled run', async () => {
    const { run, deliveries, config } = await configWithRule('fails', ['RUN_FAILED']);
    await run('CANCELLED', 0);
    expect(await deliveries()).toHaveLength(0);
    const executionId = await run('FAILED', 100);
    // A second finish of the same run is a no-op (the status guard, then the unique index).
    await finishExecution(unit.db, { executionId, status: 'FAILED', errorReason: 'again', now: at(200) });
    const [delivery, ...more] = await deliveries();
    expect(more).toHaveLength(0);
    expect(delivery).toMatchObject({ event: 'RUN_FAILED', status: 'PENDING', attempts: 0, executionId });
    const body = JSON.parse(delivery?.body ?? '{}');
    expect(body).toMatchObject({
      event: 'RUN_FAILED',
      events: ['RUN_FAILED'],
      deliveryId: delivery?.id,
      run: { id: executionId, status: 'FAILED', trigger: 'MANUAL', errorReason: 'boom', endTime: at(102).toISOString() },
      task: { kind: 'CONFIG', name: 'fails', taskKey: config.taskKey },
      target: { kind: 'registry', registry: 'http://127.0.0.1:9/ns' },
      artifactsTruncated: false,
    });
    await unit.db.delete(webhookDeliveries).where(eq(webhookDeliveries.ruleId, delivery?.ruleId ?? ''));
  });

  it('announces the first success after a failure as RUN_RECOVERED (listing RUN_SUCCEEDED too), later ones as RUN_SUCCEEDED', async () => {
    const { run, deliveries } = await configWithRule('recovers', ['RUN_SUCCEEDED', 'RUN_RECOVERED']);
    await run('SUCCESS', 0);
    await run('FAILED', 100);
    await run('CANCELLED', 200);
    const recovered = await run('SUCCESS', 300);
    await run('SUCCESS', 400);
    const rows = (await deliveries()).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.body.localeCompare(b.body));
    expect(rows.map((row) => row.event)).toEqual(['RUN_SUCCEEDED', 'RUN_RECOVERED', 'RUN_SUCCEEDED']);
    const recovery = rows.find((row) => row.executionId === recovered);
    expect(JSON.parse(recovery?.body ?? '{}').events).toEqual(['RUN_SUCCEEDED', 'RUN_RECOVERED']);
    await unit.db.delete(webhookRules).where(eq(webhookRules.id, rows[0]?.ruleId ?? ''));
  });
});

describe('the payload of a huge run', () => {
  it('lists failed artifacts first, at most 1000, and says how many there were', async () => {
    const { run, deliveries } = await configWithRule('huge', ['RUN_FAILED']);
    const copied = Array.from({ length: 1003 }, (_, i) => ({
      artifactKind: 'IMAGE' as const,
      artifactName: 'app',
      version: `v${String(i).padStart(4, '0')}`,
      digest: `sha256:${String(i).padStart(64, '0')}`,
      size: 10,
      status: 'SUCCESS' as const,
    }));
    const failed = { artifactKind: 'IMAGE' as const, artifactName: 'zz', version: 'bad', status: 'FAILED' as const, errorReason: 'gone' };
    await run('FAILED', 0, [...copied, failed, { ...failed, artifactName: 'skipped', status: 'SKIPPED' as const }]);
    const [delivery] = await deliveries();
    const body = JSON.parse(delivery?.body ?? '{}');
    expect(body).toMatchObject({ artifactsListed: 1000, artifactsTotal: 1004, artifactsTruncated: true });
    expect(body.artifacts).toHaveLength(1000);
    expect(body.artifacts[0]).toMatchObject({ name: 'zz', version: 'bad', status: 'FAILED', errorReason: 'gone' });
    expect(body.artifacts[1]).toMatchObject({ name: 'app', version: 'v0000', status: 'SUCCESS', digest: `sha256:${'0'.repeat(64)}` });
    await unit.db.delete(webhookDeliveries).where(eq(webhookDeliveries.id, delivery?.id ?? ''));
  });
});

describe('sendDueDeliveries', () => {
  it('applies the outbound policy at send time too (a rule saved before the policy changed)', async () => {
    const { run, deliveries, rule } = await configWithRule('denied_later', ['RUN_FAILED']);
    await unit.db.update(webhookRules).set({ url: 'http://127.0.0.2:9/hook' }).where(eq(webhookRules.id, rule.id));
    await run('FAILED', 0);
    expect(await sendDueDeliveries(unit.db, () => at(1000), SEND)).toBe(1);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null });
    expect(delivery?.lastError).toBe(
      'outbound policy refuses 127.0.0.2 (FERRY_OUTBOUND_DENY 127.0.0.2/32); set FERRY_OUTBOUND_ALLOW to permit it',
    );
    await unit.db.delete(webhookRules).where(eq(webhookRules.id, rule.id));
  });

  it('POSTs the stored body signed with HMAC-SHA256 and marks it DELIVERED', async () => {
    const { run, deliveries } = await configWithRule('signed', ['RUN_FAILED']);
    await run('FAILED', 0);
    received.length = 0;
    answer = (res) => res.end('thanks');
    expect(await sendDueDeliveries(unit.db, () => at(1000), SEND)).toBe(1);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatusCode: 200, lastError: null });
    const [request] = received;
    expect(request?.body).toBe(delivery?.body);
    expect(request?.headers['x-ferry-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET)
        .update(request?.body ?? '')
        .digest('hex')}`,
    );
    expect(request?.headers).toMatchObject({
      'x-ferry-event': 'RUN_FAILED',
      'x-ferry-delivery': delivery?.id,
      'content-type': 'application/json; charset=utf-8',
    });
    expect(await sendDueDeliveries(unit.db, () => at(2000), SEND)).toBe(0);
  });

  it('retries a 500 after the backoff, and a redirect is a failure that is not followed', async () => {
    const { run, deliveries } = await configWithRule('flaky', ['RUN_FAILED']);
    await run('FAILED', 0);
    received.length = 0;
    answer = (res) => {
      res.statusCode = 500;
      res.end('x'.repeat(100_000));
    };
    expect(await sendDueDeliveries(unit.db, () => at(1000), SEND)).toBe(1);
    let [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 500, nextAttemptAt: at(2000) });
    // The reply is read bounded: an excerpt, not 100 kB.
    expect(delivery?.lastError?.length).toBeLessThan(600);
    // Not due yet.
    expect(await sendDueDeliveries(unit.db, () => at(1500), SEND)).toBe(0);
    answer = (res) => {
      res.writeHead(302, { Location: 'http://127.0.0.1:9/elsewhere' });
      res.end();
    };
    expect(await sendDueDeliveries(unit.db, () => at(2000), SEND)).toBe(1);
    [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 2, lastStatusCode: 302, nextAttemptAt: at(4000) });
    expect(delivery?.lastError).toContain('redirect to http://127.0.0.1:9/elsewhere); redirects are not followed');
    answer = (res) => res.end('ok');
    expect(await sendDueDeliveries(unit.db, () => at(4000), SEND)).toBe(1);
    [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 3, lastStatusCode: 200 });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers['x-ferry-signature'])).size).toBe(1);
  });

  it('gives up after the last attempt with the error of that attempt', async () => {
    const { run, deliveries } = await configWithRule('down', ['RUN_FAILED'], 'http://127.0.0.1:9/nobody');
    await run('FAILED', 0);
    for (const time of [1000, 2000, 4000]) expect(await sendDueDeliveries(unit.db, () => at(time), SEND)).toBe(1);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 3, lastStatusCode: null });
    expect(delivery?.lastError).toMatch(/ECONNREFUSED/);
    expect(await sendDueDeliveries(unit.db, () => at(100_000), SEND)).toBe(0);
  });
});

describe('pruneWebhookDeliveries', () => {
  it('drops sent and failed log lines past the history days, never a pending one', async () => {
    const { run, deliveries } = await configWithRule('pruned', ['RUN_FAILED', 'RUN_SUCCEEDED']);
    await run('FAILED', 0);
    await run('SUCCESS', 100);
    const [first, second] = await deliveries();
    await unit.db
      .update(webhookDeliveries)
      .set({ status: 'DELIVERED' })
      .where(eq(webhookDeliveries.id, first?.id ?? ''));
    const day = 86_400_000;
    // Rows of other tests are as old (t0): count only this rule's.
    await pruneWebhookDeliveries(unit.db, { now: at(3 * day), days: 1, batchSize: 1 });
    expect((await deliveries()).map((row) => row.id)).toEqual([second?.id]);
    expect(await pruneWebhookDeliveries(unit.db, { now: at(3 * day), days: 0 })).toBe(0);
  });
});
