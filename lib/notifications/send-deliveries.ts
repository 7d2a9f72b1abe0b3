import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { decryptSecret } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { webhookDeliveries, webhookRules } from '../db/schema';
import { log } from '../http/log';
import { outboundRefusal } from '../net/outbound-agent';
import { httpRequest } from '../remote/http-request';
import { readLimitedText } from '../remote/read-limited';
import { FERRY_VERSION } from '../version';
import { signatureOf } from './sign';

/** FERRY_WEBHOOK_MAX_ATTEMPTS, FERRY_WEBHOOK_RETRY_SECONDS (first wait, doubling) and FERRY_WEBHOOK_SEND_SECONDS, in ms. */
export type WebhookSendOptions = { maxAttempts: number; retryBaseMs: number; timeoutMs: number };

/** Deliveries one claim takes (and sends at once). */
const BATCH = 8;
/** Longest wait between two attempts, however many failed. */
const MAX_RETRY_WAIT_MS = 6 * 3_600_000;
/** How much of a refusing receiver's answer is kept in last_error. */
const REPLY_EXCERPT_BYTES = 512;

type Claimed = { id: string; ruleId: string; event: string; body: string; attempts: number };
type AttemptResult = { delivered: boolean; statusCode: number | null; error: string | null };

/**
 * Takes up to BATCH due PENDING deliveries, skipping rows another instance is claiming (FOR UPDATE
 * SKIP LOCKED), counts the attempt and pushes their next_attempt_at past the send's timeout: a
 * lease, so a delivery whose sender died is picked up again after it (at least once, never lost).
 */
async function claimDueDeliveries(db: Db, now: Date, options: WebhookSendOptions): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + options.timeoutMs + 30_000);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'PENDING'), lte(webhookDeliveries.nextAttemptAt, now)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: leaseUntil })
      .where(
        inArray(
          webhookDeliveries.id,
          due.map((row) => row.id),
        ),
      )
      .returning({
        id: webhookDeliveries.id,
        ruleId: webhookDeliveries.ruleId,
        event: webhookDeliveries.event,
        body: webhookDeliveries.body,
        attempts: webhookDeliveries.attempts,
      });
  });
}

function describeSendError(error: unknown, timeoutMs: number): string {
  const refused = outboundRefusal(error);
  if (refused) return refused.message;
  const named = error as { name?: string; message?: string; code?: string; cause?: { message?: string; code?: string } };
  if (named.name === 'TimeoutError' || named.name === 'AbortError' || named.code === 'UND_ERR_HEADERS_TIMEOUT') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = named.cause?.message && named.cause.message !== named.message ? ` (${named.cause.message})` : '';
  return `${named.message ?? String(error)}${cause}`;
}

/**
 * One POST of a delivery's stored body (the same bytes, hence the same signature, on every
 * attempt) through the outbound agent, so the policy applies to the addresses the URL resolves
 * to. Redirects are not followed: the signed body goes to the URL the rule names and nowhere
 * else (a redirect could point anywhere), so a 3xx is a failure that says where it pointed.
 * At most REPLY_EXCERPT_BYTES of the answer are read.
 */
/** One attempt; a secret that cannot be decrypted (the key changed) is a failed attempt, not a stuck row. */
async function attemptDelivery(
  delivery: Claimed,
  rule: { url: string; secretEncrypted: string | null },
  options: Pick<WebhookSendOptions, 'timeoutMs'> & { signal?: AbortSignal },
): Promise<AttemptResult> {
  let secret: string | null;
  try {
    secret = rule.secretEncrypted ? decryptSecret(rule.secretEncrypted) : null;
  } catch {
    return {
      delivered: false,
      statusCode: null,
      error: "the rule's secret cannot be decrypted (was FERRY_SECRET_KEY changed?): set the secret again",
    };
  }
  return postDelivery(delivery, { url: rule.url, secret }, options);
}

async function postDelivery(
  delivery: Claimed,
  rule: { url: string; secret: string | null },
  options: Pick<WebhookSendOptions, 'timeoutMs'> & { signal?: AbortSignal },
): Promise<AttemptResult> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': `Ferry/${FERRY_VERSION}`,
    'X-Ferry-Event': delivery.event,
    'X-Ferry-Delivery': delivery.id,
    'X-Ferry-Attempt': String(delivery.attempts),
  };
  if (rule.secret) headers['X-Ferry-Signature'] = signatureOf(delivery.body, rule.secret);
  try {
    const response = await httpRequest(rule.url, {
      method: 'POST',
      headers,
      body: Buffer.from(delivery.body, 'utf8'),
      signal: options.signal
        ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal])
        : AbortSignal.timeout(options.timeoutMs),
      timeoutMs: options.timeoutMs,
    });
    const reply = await readLimitedText(response.body, REPLY_EXCERPT_BYTES).catch(() => ({ text: '', truncated: false }));
    if (response.status >= 200 && response.status < 300) return { delivered: true, statusCode: response.status, error: null };
    if (response.status >= 300 && response.status < 400) {
      const location = response.header('location') ?? 'no Location';
      return {
        delivered: false,
        statusCode: response.status,
        error: `answered ${response.status} (redirect to ${location}); redirects are not followed: point the rule at the final URL`,
      };
    }
    const excerpt = reply.text.trim().replace(/\s+/g, ' ');
    return {
      delivered: false,
      statusCode: response.status,
      error: `answered ${response.status}${excerpt ? `: ${excerpt}${reply.truncated ? '…' : ''}` : ''}`,
    };
  } catch (error) {
    return { delivered: false, statusCode: null, error: describeSendError(error, options.timeoutMs) };
  }
}

/** The wait before attempt `attempts + 1`: base × 2^(attempts − 1), at most six hours. */
function retryWaitMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_WAIT_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Writes an attempt's outcome: DELIVERED, PENDING again after the backoff, or FAILED after the
 * last attempt. Only while the claim is still this one (same attempt count, still PENDING).
 */
async function recordAttempt(db: Db, delivery: Claimed, result: AttemptResult, now: Date, options: WebhookSendOptions) {
  const last = delivery.attempts >= options.maxAttempts;
  const status = result.delivered ? 'DELIVERED' : last ? 'FAILED' : 'PENDING';
  await db
    .update(webhookDeliveries)
    .set({
      status,
      lastStatusCode: result.statusCode,
      lastError: result.error,
      deliveredAt: result.delivered ? now : null,
      nextAttemptAt: status === 'PENDING' ? new Date(now.getTime() + retryWaitMs(delivery.attempts, options.retryBaseMs)) : now,
    })
    .where(
      and(
        eq(webhookDeliveries.id, delivery.id),
        eq(webhookDeliveries.attempts, delivery.attempts),
        eq(webhookDeliveries.status, 'PENDING'),
      ),
    );
  return status;
}

/**
 * Claims and sends one batch of due deliveries; returns how many it claimed. An attempt cut by
 * `signal` (shutdown) is not recorded: its claim expires and any instance sends it again.
 */
export async function sendDueDeliveries(db: Db, now: () => Date, options: WebhookSendOptions & { signal?: AbortSignal }): Promise<number> {
  const claimed = await claimDueDeliveries(db, now(), options);
  if (claimed.length === 0) return 0;
  const rules = await db
    .select({ id: webhookRules.id, url: webhookRules.url, secretEncrypted: webhookRules.secretEncrypted })
    .from(webhookRules)
    .where(inArray(webhookRules.id, [...new Set(claimed.map((delivery) => delivery.ruleId))]));
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  await Promise.all(
    claimed.map(async (delivery) => {
      const rule = byId.get(delivery.ruleId);
      // Deleted meanwhile: its deliveries went with it (cascade).
      if (!rule) return;
      const result = await attemptDelivery(delivery, rule, options);
      if (options.signal?.aborted) return;
      const status = await recordAttempt(db, delivery, result, now(), options);
      // The URL's host, never its path or query (which may carry a receiver's token), and never the secret.
      log(status === 'FAILED' ? 'warn' : 'info', 'webhook attempt', {
        deliveryId: delivery.id,
        event: delivery.event,
        attempt: delivery.attempts,
        host: new URL(rule.url).host,
        status,
        statusCode: result.statusCode,
        error: result.error ?? undefined,
      });
    }),
  );
  return claimed.length;
}

export type WebhookSender = { wake: () => void; stop: () => Promise<void> };

/**
 * The sender loop beside the runner: sends what is due, then waits `pollMs` or a wake (a run
 * just ended). Every instance with a runner runs one; the claims keep them from sending a
 * delivery twice at once.
 */
export function startWebhookSender(db: Db, now: () => Date, options: WebhookSendOptions & { pollMs: number }): WebhookSender {
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let wakeRequested = false;
  const halt = new AbortController();
  const loop = (async () => {
    while (!stopped) {
      wakeRequested = false;
      let claimed = 0;
      try {
        claimed = await sendDueDeliveries(db, now, { ...options, signal: halt.signal });
      } catch (error) {
        log('error', 'webhook sender failed', { stack: (error as Error).stack });
      }
      if (stopped) break;
      // A full batch: more may be due at once.
      if (claimed >= BATCH || wakeRequested) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        setTimeout(resolve, options.pollMs);
      });
    }
  })();
  return {
    wake: () => {
      wakeRequested = true;
      wakeUp?.();
    },
    stop: async () => {
      stopped = true;
      halt.abort();
      wakeUp?.();
      await loop;
    },
  };
}
