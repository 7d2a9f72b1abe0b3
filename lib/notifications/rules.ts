import { and, count, desc, eq } from 'drizzle-orm';
import { encryptSecret } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { replicaTasks, repositories, webhookDeliveries, webhookRules } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import type { OutboundPolicy } from '../net/outbound-policy';
import { type Page, type PageQuery, pageOffset, toPage } from '../paging/page';
import { toWebhookDelivery, toWebhookRule, type WebhookDeliveryInfo, type WebhookRuleInfo } from './present';
import { type CreateWebhookRule, webhookOwnerKinds } from './schemas';
import { checkWebhookUrl } from './webhook-url';

/** Rules one config or task may have: each finished run POSTs to every one of them. */
const MAX_RULES_PER_TASK = 20;

/** The config or run-once task whose rules a path names: `{kind}/{projectId}/{repoName}/{name}`. */
export type RuleOwner = { kind: string; projectName: string; repoName: string; name: string };

async function ownerTaskId(db: Db, owner: RuleOwner): Promise<string> {
  const kind = webhookOwnerKinds[owner.kind as keyof typeof webhookOwnerKinds];
  if (!Object.hasOwn(webhookOwnerKinds, owner.kind) || !kind) {
    throw new AppError(
      ErrorCode.ENDPOINT_NOT_FOUND,
      `No endpoint here: the webhook owner is 'config' or 'runOnceTask', not '${owner.kind}'`,
    );
  }
  // As lib/projects' getRepositoryOrThrow answers (not imported: projects depends on executions, which queues notifications).
  const [repository] = await db
    .select({ name: repositories.name })
    .from(repositories)
    .where(and(eq(repositories.projectName, owner.projectName), eq(repositories.name, owner.repoName)))
    .limit(1);
  if (!repository) {
    throw new AppError(ErrorCode.REPOSITORY_NOT_FOUND, `Repository [${owner.projectName}/${owner.repoName}] not found`, 'repoName');
  }
  const [task] = await db
    .select({ id: replicaTasks.id })
    .from(replicaTasks)
    .where(
      and(
        eq(replicaTasks.projectName, owner.projectName),
        eq(replicaTasks.repoName, owner.repoName),
        eq(replicaTasks.kind, kind),
        eq(replicaTasks.name, owner.name),
      ),
    )
    .limit(1);
  if (!task) {
    const what = kind === 'CONFIG' ? 'Distribution config' : 'Run-once task';
    throw new AppError(
      ErrorCode.REPLICA_TASK_NOT_FOUND,
      `${what} [${owner.projectName}/${owner.repoName}/${owner.name}] not found`,
      'name',
    );
  }
  return task.id;
}

async function ownedRule(db: Db, owner: RuleOwner, ruleId: string) {
  const taskId = await ownerTaskId(db, owner);
  const [rule] = await db
    .select()
    .from(webhookRules)
    .where(and(eq(webhookRules.id, ruleId), eq(webhookRules.taskId, taskId)))
    .limit(1);
  if (!rule) throw new AppError(ErrorCode.RESOURCE_NOT_FOUND, `Webhook rule [${ruleId}] not found on ${owner.name}`, 'ruleId');
  return rule;
}

export async function listWebhookRules(db: Db, owner: RuleOwner): Promise<WebhookRuleInfo[]> {
  const taskId = await ownerTaskId(db, owner);
  const rows = await db.select().from(webhookRules).where(eq(webhookRules.taskId, taskId)).orderBy(webhookRules.createdAt, webhookRules.id);
  return rows.map(toWebhookRule);
}

/** Adds a rule; the URL must pass the outbound policy, the secret is stored encrypted. */
export async function createWebhookRule(
  db: Db,
  options: { owner: RuleOwner; rule: CreateWebhookRule; actor: string; now: Date; policy: OutboundPolicy },
): Promise<WebhookRuleInfo> {
  const url = checkWebhookUrl(options.rule.url, options.policy);
  const taskId = await ownerTaskId(db, options.owner);
  return db.transaction(async (tx) => {
    // Serialises concurrent creates on one task, so the cap holds.
    await tx.select({ id: replicaTasks.id }).from(replicaTasks).where(eq(replicaTasks.id, taskId)).for('update');
    const [existing] = await tx.select({ n: count() }).from(webhookRules).where(eq(webhookRules.taskId, taskId));
    if ((existing?.n ?? 0) >= MAX_RULES_PER_TASK) {
      throw new AppError(
        ErrorCode.REQUEST_DENIED,
        `${options.owner.name} already has ${MAX_RULES_PER_TASK} webhook rules; delete one first`,
      );
    }
    const [row] = await tx
      .insert(webhookRules)
      .values({
        id: newRecordId(),
        taskId,
        url,
        secretEncrypted: options.rule.secret ? encryptSecret(options.rule.secret) : null,
        events: options.rule.events,
        createdAt: options.now,
        createdBy: options.actor,
      })
      .returning();
    if (!row) throw new Error('webhook rule not stored');
    return toWebhookRule(row);
  });
}

/** Removes a rule and its delivery log (pending deliveries are not sent). */
export async function deleteWebhookRule(db: Db, options: { owner: RuleOwner; ruleId: string }): Promise<void> {
  const rule = await ownedRule(db, options.owner, options.ruleId);
  await db.delete(webhookRules).where(eq(webhookRules.id, rule.id));
}

/** Queues a TEST delivery of a rule (sent by the sender loop like any other, retries included). */
export async function queueTestDelivery(db: Db, options: { owner: RuleOwner; ruleId: string; actor: string; now: Date }) {
  const rule = await ownedRule(db, options.owner, options.ruleId);
  const id = newRecordId();
  const body = JSON.stringify({
    event: 'TEST',
    events: ['TEST'],
    deliveryId: id,
    test: { requestedBy: options.actor, time: options.now.toISOString() },
    task: {
      kind: webhookOwnerKinds[options.owner.kind as keyof typeof webhookOwnerKinds],
      projectId: options.owner.projectName,
      repoName: options.owner.repoName,
      name: options.owner.name,
    },
  });
  const [row] = await db
    .insert(webhookDeliveries)
    .values({ id, ruleId: rule.id, executionId: null, event: 'TEST', body, createdAt: options.now, nextAttemptAt: options.now })
    .returning();
  if (!row) throw new Error('test delivery not stored');
  return toWebhookDelivery(row);
}

/** A page of a rule's delivery log, newest first. */
export async function listWebhookDeliveries(
  db: Db,
  options: { owner: RuleOwner; ruleId: string; page: PageQuery },
): Promise<Page<WebhookDeliveryInfo>> {
  const rule = await ownedRule(db, options.owner, options.ruleId);
  const where = eq(webhookDeliveries.ruleId, rule.id);
  const [[total], rows] = await Promise.all([
    db.select({ n: count() }).from(webhookDeliveries).where(where),
    db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(options.page.pageSize)
      .offset(pageOffset(options.page)),
  ]);
  return toPage(rows.map(toWebhookDelivery), total?.n ?? 0, options.page);
}

/** The owner a route's path names. */
export function ruleOwnerOf(params: { kind: string; projectId: string; repoName: string; name: string }): RuleOwner {
  return { kind: params.kind, projectName: params.projectId, repoName: params.repoName, name: params.name };
}
