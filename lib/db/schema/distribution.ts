import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { type ExecutionStatus, executionStatuses } from '../statuses';
import { clusterNodes } from './clusters';
import { auditColumns, repositories } from './projects';

export type StoredPackageConstraint = {
  packageKey?: string;
  packageName?: string;
  versions?: string[];
  targetVersions?: string[];
};

// Distribution configs (kind CONFIG) and run-once tasks (kind RUN_ONCE) share one table:
// both are "what to copy, where to, how", and the runner treats them alike.
export const replicaTasks = pgTable(
  'replica_tasks',
  {
    id: text('id').primaryKey(),
    taskKey: text('task_key').notNull().unique(),
    kind: text('kind', { enum: ['CONFIG', 'RUN_ONCE'] }).notNull(),
    projectName: text('project_name').notNull(),
    repoName: text('repo_name').notNull(),
    name: text('name').notNull(),
    clusterId: text('cluster_id').references(() => clusterNodes.id, { onDelete: 'restrict' }),
    remoteProjectId: text('remote_project_id'),
    remoteRepoName: text('remote_repo_name'),
    registry: text('registry'),
    username: text('username'),
    passwordEncrypted: text('password_encrypted'),
    certificate: text('certificate'),
    packageConstraints: jsonb('package_constraints').$type<StoredPackageConstraint[]>().notNull().default([]),
    pathConstraints: jsonb('path_constraints').$type<string[]>().notNull().default([]),
    replicaType: text('replica_type', { enum: ['REAL_TIME', 'SCHEDULED', 'RUN_ONCE'] }).notNull(),
    rateLimit: bigint('rate_limit', { mode: 'number' }).notNull().default(0),
    includeMetadata: boolean('include_metadata').notNull().default(true),
    conflictStrategy: text('conflict_strategy', { enum: ['SKIP', 'OVERWRITE', 'FAST_FAIL'] }).notNull(),
    errorStrategy: text('error_strategy', { enum: ['CONTINUE', 'FAST_FAIL'] }).notNull(),
    executionStrategy: text('execution_strategy', {
      enum: ['IMMEDIATELY', 'SPECIFIED_TIME', 'CRON_EXPRESSION'],
    }).notNull(),
    executeImmediately: boolean('execute_immediately').notNull().default(true),
    executeTime: timestamp('execute_time', { withTimezone: true }),
    cronExpression: text('cron_expression'),
    enabled: boolean('enabled').notNull().default(true),
    description: text('description'),
    nextFireAt: timestamp('next_fire_at', { withTimezone: true }),
    /** REAL_TIME configs: deleting a file or tag at the source deletes it at the target too. */
    replicateDeletes: boolean('replicate_deletes').notNull().default(false),
    /** Drift verify on a schedule (null: on demand only), and when it is next due. */
    verifyCron: text('verify_cron'),
    verifyNextAt: timestamp('verify_next_at', { withTimezone: true }),
    ...auditColumns,
  },
  (t) => [
    uniqueIndex('replica_tasks_identity').on(t.projectName, t.repoName, t.kind, t.name),
    index('replica_tasks_due').on(t.nextFireAt).where(sql`${t.enabled} and ${t.nextFireAt} is not null`),
    index('replica_tasks_verify_due').on(t.verifyNextAt).where(sql`${t.verifyNextAt} is not null`),
    // Configs counted by state (overview, list totals) from this index alone: index-only scans.
    index('replica_tasks_kind_state').on(t.kind, t.projectName, t.repoName, t.enabled, t.replicaType, t.taskKey),
    foreignKey({
      columns: [t.projectName, t.repoName],
      foreignColumns: [repositories.projectName, repositories.name],
      name: 'replica_tasks_repository_fk',
    }).onDelete('cascade'),
  ],
);

export { type ExecutionStatus, executionStatuses };

// History outlives its task (task_id is nulled on delete) so users can still see what ran.
export const executions = pgTable(
  'executions',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id').references(() => replicaTasks.id, { onDelete: 'set null' }),
    taskKey: text('task_key').notNull(),
    status: text('status', { enum: executionStatuses }).notNull(),
    /** REPAIR: a drift repair, limited to the out-of-sync artifacts of a check; it overwrites at the target. */
    trigger: text('trigger', { enum: ['MANUAL', 'SCHEDULE', 'REAL_TIME', 'RETRY', 'REPAIR'] }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    startTime: timestamp('start_time', { withTimezone: true }),
    endTime: timestamp('end_time', { withTimezone: true }),
    errorReason: text('error_reason'),
    totalItems: integer('total_items').notNull().default(0),
    doneItems: integer('done_items').notNull().default(0),
    failedItems: integer('failed_items').notNull().default(0),
    skippedItems: integer('skipped_items').notNull().default(0),
    conflictItems: integer('conflict_items').notNull().default(0),
    totalBytes: bigint('total_bytes', { mode: 'number' }).notNull().default(0),
    doneBytes: bigint('done_bytes', { mode: 'number' }).notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
  },
  (t) => [
    // A task's runs newest first (history pages, and its latest run: one index probe per task).
    index('executions_task_latest').on(t.taskKey, t.queuedAt, t.id),
    // The overview's recent failures, newest first.
    index('executions_failed_recent').on(t.endTime).where(sql`${t.status} = 'FAILED'`),
    // History retention: finished runs by age.
    index('executions_finished_end').on(t.endTime).where(sql`${t.status} not in ('QUEUED', 'RUNNING')`),
    // At most one queued-or-running execution per task: "already running" is enforced by the database.
    uniqueIndex('executions_one_active_per_task').on(t.taskKey).where(sql`${t.status} in ('QUEUED', 'RUNNING')`),
  ],
);

export const executionDetailStatuses = ['PENDING', 'RUNNING', 'SUCCESS', 'FAILED', 'SKIPPED', 'CANCELLED', 'UNSUPPORTED'] as const;

/** One row per artifact a run copies (a file path, or an image version). */
export const executionDetails = pgTable(
  'execution_details',
  {
    id: text('id').primaryKey(),
    executionId: text('execution_id')
      .notNull()
      .references(() => executions.id, { onDelete: 'cascade' }),
    artifactKind: text('artifact_kind', { enum: ['FILE', 'IMAGE'] }).notNull(),
    /** File path, or image name. */
    artifactName: text('artifact_name').notNull(),
    /** Image tag (and target tag after '→' when retagged); null for files. */
    version: text('version'),
    targetVersion: text('target_version'),
    size: bigint('size', { mode: 'number' }).notNull().default(0),
    digest: text('digest'),
    status: text('status', { enum: executionDetailStatuses }).notNull().default('PENDING'),
    /** COPY the artifact to the target, or DELETE it there (replicated deletions). */
    operation: text('operation', { enum: ['COPY', 'DELETE'] })
      .notNull()
      .default('COPY'),
    /** A signature, attestation or SBOM travelling with an image: the digest of the image it refers to. */
    subjectDigest: text('subject_digest'),
    /** Overwrite at the target whatever the task's conflict strategy (a drift repair's artifacts). */
    overwrite: boolean('overwrite').notNull().default(false),
    /** The referrer's artifactType (or config media type; cosign tags: their scheme's kind), for the run's details. */
    artifactType: text('artifact_type'),
    /** Why SKIPPED: identical content, or a conflict under the SKIP strategy. */
    conflict: boolean('conflict').notNull().default(false),
    bytesDone: bigint('bytes_done', { mode: 'number' }).notNull().default(0),
    errorReason: text('error_reason'),
    startTime: timestamp('start_time', { withTimezone: true }),
    endTime: timestamp('end_time', { withTimezone: true }),
  },
  (t) => [index('execution_details_execution').on(t.executionId, t.status)],
);

/** The event_cursors row of the real-time distribution (the runner reads, /metrics reports its lag). */
export const REAL_TIME_CONSUMER = 'real-time-distribution';

/** How far a consumer (e.g. the real-time runner) has read the artifact events outbox. */
export const eventCursors = pgTable('event_cursors', {
  consumer: text('consumer').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Deletions a REAL_TIME config with replicateDeletes saw while it was disabled. They are applied when
 * the config is enabled again, unless the artifact exists at the source by then (re-created).
 */
export const pendingDeletions = pgTable(
  'pending_deletions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: text('task_id')
      .notNull()
      .references(() => replicaTasks.id, { onDelete: 'cascade' }),
    artifactKind: text('artifact_kind', { enum: ['FILE', 'IMAGE'] }).notNull(),
    artifactName: text('artifact_name').notNull(),
    version: text('version'),
    digest: text('digest'),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pending_deletions_artifact').on(t.taskId, t.artifactKind, t.artifactName, sql`coalesce(${t.version}, '')`)],
);
