import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const auditOutcomes = ['OK', 'DENIED', 'FAILED'] as const;

/** Who did what, one row per mutating call (or refusal); pruned after FERRY_AUDIT_DAYS. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    time: timestamp('time', { withTimezone: true }).notNull().defaultNow(),
    /** The login name; null for anonymous callers. */
    userId: text('user_id'),
    address: text('address').notNull(),
    action: text('action').notNull(),
    projectId: text('project_id'),
    repoName: text('repo_name'),
    resource: text('resource').notNull(),
    outcome: text('outcome', { enum: auditOutcomes }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    traceId: text('trace_id').notNull(),
  },
  (t) => [index('audit_events_project').on(t.projectId, t.id), index('audit_events_time').on(t.time)],
);
