import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { replicaTasks } from './distribution';

export const driftStates = ['MISSING', 'DIFFERENT', 'EXTRA'] as const;

/** One comparison of a config's source with its target. */
export const driftChecks = pgTable(
  'drift_checks',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => replicaTasks.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: ['MANUAL', 'SCHEDULE'] }).notNull(),
    /** RUNNING, DONE, PARTIAL (time budget ran out: counts cover what was compared), FAILED. */
    status: text('status', { enum: ['RUNNING', 'DONE', 'PARTIAL', 'FAILED'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    inSync: integer('in_sync').notNull().default(0),
    missing: integer('missing').notNull().default(0),
    different: integer('different').notNull().default(0),
    extra: integer('extra').notNull().default(0),
    errorReason: text('error_reason'),
  },
  (t) => [index('drift_checks_task_latest').on(t.taskId, t.startedAt)],
);

/** The artifacts a check found out of sync (in-sync ones are only counted). */
export const driftItems = pgTable(
  'drift_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    checkId: text('check_id')
      .notNull()
      .references(() => driftChecks.id, { onDelete: 'cascade' }),
    state: text('state', { enum: driftStates }).notNull(),
    artifactKind: text('artifact_kind', { enum: ['FILE', 'IMAGE'] }).notNull(),
    artifactName: text('artifact_name').notNull(),
    version: text('version'),
    sourceDigest: text('source_digest'),
    targetDigest: text('target_digest'),
    size: bigint('size', { mode: 'number' }),
  },
  (t) => [index('drift_items_check').on(t.checkId, t.state)],
);
