import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { maskSecrets, storableText } from './mask-secrets';
import type { AuditAction, AuditOutcome } from './schemas';

export type AuditEntry = {
  /** The caller's login name; null for anonymous callers. */
  userId: string | null;
  address: string;
  action: AuditAction;
  projectId?: string | null;
  repoName?: string | null;
  resource: string;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
  traceId: string;
  time?: Date;
};

/**
 * Writes one audit row. Pass the operation's transaction so the row commits (or rolls back) with
 * the change; refusals are written outside it. `detail` is masked here, so no caller leaks a secret.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    userId: entry.userId === null ? null : storableText(entry.userId),
    address: entry.address,
    action: entry.action,
    projectId: entry.projectId ?? null,
    repoName: entry.repoName ?? null,
    resource: storableText(entry.resource),
    outcome: entry.outcome,
    detail: maskSecrets(entry.detail ?? {}) as Record<string, unknown>,
    traceId: entry.traceId,
    time: entry.time ?? new Date(),
  });
}
