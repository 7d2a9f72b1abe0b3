import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Principal } from '../access/principal';
import { isAdministrator, requireAdmin, requireProjectRole } from '../access/project-access';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { formatLocalDateTime } from '../time/local-time';
import type { AuditPage, AuditQuery } from './schemas';

/** Audit rows matching the filters, newest first; `nextAfterId` continues below the last one. */
export async function listAuditEvents(db: Db, query: AuditQuery): Promise<AuditPage> {
  const conditions: SQL[] = [];
  if (query.projectId) conditions.push(eq(auditEvents.projectId, query.projectId));
  if (query.userId) conditions.push(eq(auditEvents.userId, query.userId));
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.outcome) conditions.push(eq(auditEvents.outcome, query.outcome));
  if (query.after) conditions.push(gte(auditEvents.time, query.after));
  if (query.before) conditions.push(lte(auditEvents.time, query.before));
  if (query.afterId) conditions.push(lt(auditEvents.id, query.afterId));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    records: page.map((row) => ({
      id: row.id,
      time: formatLocalDateTime(row.time),
      userId: row.userId,
      address: row.address,
      action: row.action,
      projectId: row.projectId,
      repoName: row.repoName,
      resource: row.resource,
      outcome: row.outcome,
      detail: row.detail,
      traceId: row.traceId,
    })),
    nextAfterId: rows.length > query.limit && last ? last.id : null,
  };
}

/** Retention: deletes rows older than `days` before `now`; returns how many. */
export async function pruneAuditEvents(db: Db, options: { now: Date; days: number }): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.days * 86_400_000);
  const deleted = await db.delete(auditEvents).where(lt(auditEvents.time, cutoff)).returning({ id: auditEvents.id });
  return deleted.length;
}

/** Administrators read every row; anyone else only a project they administer, named in `projectId`. */
export async function listAuditForCaller(db: Db, caller: Principal, query: AuditQuery): Promise<AuditPage> {
  if (!isAdministrator(caller)) {
    // Without a project, only administrators may read: the same refusal as every admin-only route.
    if (query.projectId) await requireProjectRole(db, caller, { projectName: query.projectId }, 'PROJECT_ADMIN');
    else requireAdmin(caller, { write: false });
  }
  return listAuditEvents(db, query);
}
