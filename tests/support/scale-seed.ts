import type { Db } from '../../lib/db/client';

// 1,000 configs and 100,000 runs written with generate_series: seconds, where the API would take hours.

export const SCALE = { configs: 1000, runsPerConfig: 100, tasks: 50, running: 3 } as const;
export const RUNS = SCALE.configs * SCALE.runsPerConfig;
const BASE = '2026-01-01T00:00:00Z';

/** Run j (1…RUNS) belongs to config ((j-1) % 1000) + 1, is one minute newer than run j-1, and failed when j % 7 = 0; the last 3 are RUNNING. */
export const scaleRunStatus = (j: number) => (j > RUNS - SCALE.running ? 'RUNNING' : j % 7 === 0 ? 'FAILED' : 'SUCCESS');
/** Config i's newest run is run RUNS - 1000 + i. */
export const latestRunOfConfig = (i: number) => RUNS - SCALE.configs + i;
export const scaleConfigName = (i: number) => `cfg_${String(i).padStart(4, '0')}`;
export const scaleTaskKey = (projectId: string, i: number) => `${projectId}-c${i}`;

type Client = { query: (text: string, params?: unknown[]) => Promise<unknown> };

/** The database's own client (PGlite or a pg Pool): both take `query(text, params)`. */
export function rawClient(db: Db): Client {
  return (db as unknown as { $client: Client }).$client;
}

/**
 * `count` configs in `repoName` of `projectId` (both existing), ids and keys prefixed by the project:
 * config i is disabled when i % 10 = 0, REAL_TIME when even, else SCHEDULED on a cron firing at BASE + i min.
 */
export async function seedConfigs(db: Db, projectId: string, repoName: string, count: number): Promise<void> {
  await rawClient(db).query(
    `insert into replica_tasks (id, task_key, kind, project_name, repo_name, name, registry, replica_type, conflict_strategy,
       error_strategy, execution_strategy, cron_expression, enabled, next_fire_at, created_by, last_modified_by)
     select $1 || '-c' || i, $1 || '-c' || i, 'CONFIG', $1, $2, 'cfg_' || lpad(i::text, 4, '0'), 'http://127.0.0.1:9/ns',
       case when i % 2 = 0 then 'REAL_TIME' else 'SCHEDULED' end, 'SKIP', 'CONTINUE',
       case when i % 2 = 0 then 'IMMEDIATELY' else 'CRON_EXPRESSION' end,
       case when i % 2 = 0 then null else '0 0 * * *' end,
       i % 10 <> 0,
       case when i % 2 = 1 and i % 10 <> 0 then $3::timestamptz + i * interval '1 minute' end,
       'admin', 'admin'
     from generate_series(1, $4::int) i`,
    [projectId, repoName, BASE, count],
  );
}

/**
 * Seeds `repoName` of `projectId` (both existing) with SCALE.configs configs (seedConfigs), SCALE.tasks
 * run-once tasks without runs, and SCALE.runsPerConfig runs per config with one artifact row each;
 * then VACUUM ANALYZE, as autovacuum would have done by then (statistics for the planner,
 * visibility for index-only scans).
 */
export async function seedScale(db: Db, projectId: string, repoName: string): Promise<void> {
  const client = rawClient(db);
  await seedConfigs(db, projectId, repoName, SCALE.configs);
  await client.query(
    `insert into replica_tasks (id, task_key, kind, project_name, repo_name, name, registry, replica_type, conflict_strategy,
       error_strategy, execution_strategy, created_by, last_modified_by)
     select $1 || '-t' || i, $1 || '-t' || i, 'RUN_ONCE', $1, $2, 'task_' || lpad(i::text, 3, '0'), 'http://127.0.0.1:9/ns',
       'RUN_ONCE', 'OVERWRITE', 'CONTINUE', 'IMMEDIATELY', 'admin', 'admin'
     from generate_series(1, $3::int) i`,
    [projectId, repoName, SCALE.tasks],
  );
  await client.query(
    `insert into executions (id, task_id, task_key, status, trigger, queued_at, start_time, end_time, total_items, done_items)
     select $1 || '-e' || j, $1 || '-c' || ((j - 1) % $3 + 1), $1 || '-c' || ((j - 1) % $3 + 1),
       case when j > $4 - $5 then 'RUNNING' when j % 7 = 0 then 'FAILED' else 'SUCCESS' end, 'SCHEDULE',
       $2::timestamptz + j * interval '1 minute', $2::timestamptz + j * interval '1 minute',
       case when j > $4 - $5 then null else $2::timestamptz + j * interval '1 minute' + interval '30 seconds' end, 1, 1
     from generate_series(1, $4::int) j`,
    [projectId, BASE, SCALE.configs, RUNS, SCALE.running],
  );
  await client.query(
    `insert into execution_details (id, execution_id, artifact_kind, artifact_name, status)
     select $1 || '-d' || j, $1 || '-e' || j, 'FILE', '/files/' || j, 'SUCCESS' from generate_series(1, $2::int) j`,
    [projectId, RUNS],
  );
  await client.query('vacuum analyze');
}
