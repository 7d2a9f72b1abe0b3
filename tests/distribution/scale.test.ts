import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../lib/db/client';
import { selectConfigCounts, selectRecentFailures, selectRunningRuns, selectUpcomingConfigs } from '../../lib/distribution/overview';
import { countTaskList, selectTaskList, type TaskListFilter } from '../../lib/distribution/queries';
import { selectExpiredExecutions } from '../../lib/executions/prune-history';
import { countExecutions, selectExecutions } from '../../lib/executions/queries';
import { dataOf } from '../support/api-client';
import { createProjectWithRepo } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import {
  latestRunOfConfig,
  RUNS,
  rawClient,
  SCALE,
  scaleConfigName,
  scaleRunStatus,
  scaleTaskKey,
  seedConfigs,
  seedScale,
} from '../support/scale-seed';

// Ferry with 1,000 configs and 100,000 runs: every list query the API and the UI run is EXPLAINed
// (the SQL of the very builders the app uses) and must not scan the big tables; then the
// endpoints answer right totals and first pages at that volume.

const ferry = ferryForFile();
const BIG_TABLES = ['executions', 'execution_details', 'replica_tasks'];
/** Configs of other repositories, so one repository's are a tenth of the table, as on a shared instance. */
const OTHER_CONFIGS = 9000;
let repo: { projectId: string; repoName: string };
let connection: Awaited<ReturnType<typeof openConnection>> | undefined;

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
type Explainable = { toSQL: () => { sql: string; params: unknown[] } };

function scans(node: PlanNode): string[] {
  const own = node['Relation Name'] ? [`${node['Node Type']} on ${node['Relation Name']}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scans)];
}

async function planOf(query: Explainable): Promise<string[]> {
  const { sql, params } = query.toSQL();
  const result = (await rawClient(db()).query(`explain (format json) ${sql}`, params)) as { rows: Record<string, unknown>[] };
  const cell = Object.values(result.rows[0] ?? {})[0];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[];
  return scans(plan[0]?.Plan as PlanNode);
}

const db = () => {
  if (!connection) throw new Error('the database is not open');
  return connection.db;
};

const configs = (extra: Partial<TaskListFilter> = {}): TaskListFilter => ({
  projectName: repo.projectId,
  repoName: repo.repoName,
  kind: 'CONFIG',
  ...extra,
});
const firstPage = { pageNumber: 1, pageSize: 20 };

// Every query behind the lists, the history and the overview, as the app builds it.
const queries: Record<string, () => Explainable> = {
  'config page': () => selectTaskList(db(), configs(), firstPage),
  'config page 30': () => selectTaskList(db(), configs(), { pageNumber: 30, pageSize: 20 }),
  'config list (bk-repo, unpaged)': () => selectTaskList(db(), configs()),
  'config by name': () => selectTaskList(db(), configs({ name: scaleConfigName(500) })),
  'config page, filtered': () =>
    selectTaskList(db(), configs({ nameContains: 'cfg_05', enabled: true, replicaType: 'SCHEDULED', lastStatus: ['FAILED'] }), firstPage),
  'config count': () => countTaskList(db(), configs()),
  'config count, last run failed': () => countTaskList(db(), configs({ lastStatus: ['FAILED'] })),
  'run-once task page': () => selectTaskList(db(), configs({ kind: 'RUN_ONCE' }), firstPage),
  'run history page': () => selectExecutions(db(), { taskKey: scaleTaskKey(repo.projectId, 7) }, firstPage),
  'run history page 5, failed only': () =>
    selectExecutions(db(), { taskKey: scaleTaskKey(repo.projectId, 7), status: ['FAILED'] }, { pageNumber: 2, pageSize: 5 }),
  'run history count': () => countExecutions(db(), { taskKey: scaleTaskKey(repo.projectId, 7) }),
  'overview counts of a member': () => selectConfigCounts(db(), [repo.projectId]),
  'overview running': () => selectRunningRuns(db(), null),
  'overview failures': () => selectRecentFailures(db(), null),
  'overview upcoming': () => selectUpcomingConfigs(db(), [repo.projectId]),
  'history retention batch': () => selectExpiredExecutions(db(), new Date('2026-02-01T00:00:00Z'), 500),
};

describe('at 1,000 configs and 100,000 runs', () => {
  beforeAll(async () => {
    repo = await createProjectWithRepo(ferry.api);
    const other = await createProjectWithRepo(ferry.api);
    // PGlite allows one process on its folder: seed and EXPLAIN while the server is stopped.
    await ferry.server.stop();
    connection = await openConnection({ databaseUrl: ferry.server.env.DATABASE_URL, dataDir: ferry.server.dataDir });
    await seedConfigs(connection.db, other.projectId, other.repoName, OTHER_CONFIGS);
    await seedScale(connection.db, repo.projectId, repo.repoName);
  }, 180_000);
  afterAll(async () => {
    await connection?.close();
    connection = undefined;
  });

  it.each(Object.keys(queries))('%s reads no table from end to end', async (name) => {
    const query = queries[name];
    if (!query) throw new Error(name);
    const plan = await planOf(query());
    expect(plan.filter((scan) => BIG_TABLES.some((table) => scan === `Seq Scan on ${table}`))).toEqual([]);
  });

  // An administrator's overview counts every config of every project: reading each config once is
  // the point, so a scan of replica_tasks is right; the newest runs must still be index probes.
  it('the overview counts over every project probe the runs through the index', async () => {
    const plan = await planOf(selectConfigCounts(db(), null));
    expect(plan.filter((scan) => scan.startsWith('Seq Scan') && scan !== 'Seq Scan on replica_tasks')).toEqual([]);
    expect(plan).toContain('Index Scan on executions');
  });
});

describe('the endpoints at 1,000 configs and 100,000 runs', () => {
  beforeAll(async () => {
    await ferry.server.restart();
  }, 60_000);

  const base = () => `/replication/api/remote/distribution`;
  const expectedFailing = Array.from({ length: SCALE.configs }, (_, k) => k + 1).filter(
    (i) => scaleRunStatus(latestRunOfConfig(i)) === 'FAILED',
  );

  it('answers the unpaged bk-repo list with every config by name and its newest run', async () => {
    const list = dataOf(
      await ferry.api.get<{ name: string; lastExecution: { id: string } | null }[]>(`${base()}/info/${repo.projectId}/${repo.repoName}`),
    );
    expect(list).toHaveLength(SCALE.configs);
    expect(list[0]).toMatchObject({ name: scaleConfigName(1), lastExecution: { id: `${repo.projectId}-e${latestRunOfConfig(1)}` } });
    expect(list.at(-1)?.name).toBe(scaleConfigName(SCALE.configs));
  });

  it('pages and filters the configs on the server', async () => {
    type ConfigPage = { totalRecords: number; totalPages: number; pageNumber: number; records: { name: string; enable: boolean }[] };
    const page = async (query: string) =>
      dataOf(await ferry.api.get<ConfigPage>(`${base()}/info/${repo.projectId}/${repo.repoName}?${query}`));
    const first = await page('pageSize=20');
    expect([first.totalRecords, first.totalPages, first.pageNumber]).toEqual([1000, 50, 1]);
    expect(first.records.map((c) => c.name)).toEqual(Array.from({ length: 20 }, (_, k) => scaleConfigName(k + 1)));
    expect((await page('pageNumber=50&pageSize=20')).records.at(-1)?.name).toBe(scaleConfigName(1000));
    expect((await page('pageNumber=1&enabled=false')).totalRecords).toBe(100);
    expect((await page('pageNumber=1&replicaType=REAL_TIME')).totalRecords).toBe(500);
    expect((await page('pageNumber=1&name=CFG_00')).totalRecords).toBe(99);
    const failing = await page('pageNumber=1&pageSize=1000&lastStatus=FAILED');
    expect(failing.records.map((c) => c.name)).toEqual(expectedFailing.map(scaleConfigName));
  });

  it('pages the run history of a config, newest first, and filters it by status', async () => {
    type RunPage = { totalRecords: number; records: { id: string; status: string }[] };
    const key = scaleTaskKey(repo.projectId, 7);
    const runs = dataOf(await ferry.api.get<RunPage>(`/replication/api/execution/list/${key}?pageSize=3`));
    expect(runs.totalRecords).toBe(SCALE.runsPerConfig);
    const newest = latestRunOfConfig(7);
    expect(runs.records.map((r) => r.id)).toEqual([newest, newest - 1000, newest - 2000].map((j) => `${repo.projectId}-e${j}`));
    const failed = dataOf(await ferry.api.get<RunPage>(`/replication/api/execution/list/${key}?status=FAILED`));
    const expected = Array.from({ length: SCALE.runsPerConfig }, (_, k) => 7 + k * 1000).filter((j) => scaleRunStatus(j) === 'FAILED');
    expect(failed.totalRecords).toBe(expected.length);
    expect(failed.records.every((r) => r.status === 'FAILED')).toBe(true);
  });

  it('pages the run-once tasks', async () => {
    const tasks = dataOf(
      await ferry.api.get<{ totalRecords: number; records: { name: string }[] }>(
        `${base()}/runOnceTask/list/${repo.projectId}/${repo.repoName}?pageNumber=3&pageSize=20`,
      ),
    );
    expect(tasks.totalRecords).toBe(SCALE.tasks);
    expect(tasks.records.map((t) => t.name)).toEqual(Array.from({ length: 10 }, (_, k) => `task_${String(41 + k).padStart(3, '0')}`));
  });

  it('answers the overview from counts and short lists', async () => {
    type Overview = { counts: Record<string, number>; running: { name: string }[]; failures: unknown[]; upcoming: { name: string }[] };
    const overview = dataOf(await ferry.api.get<Overview>('/replication/api/overview'));
    // The other repository's configs count too (administrator); they have no runs.
    expect(overview.counts).toEqual({
      total: 10_000,
      enabled: 9000,
      disabled: 1000,
      realTime: 5000,
      scheduled: 5000,
      failing: expectedFailing.length,
    });
    expect(overview.running.map((r) => r.name).sort()).toEqual([998, 999, 1000].map(scaleConfigName));
    expect(overview.failures).toHaveLength(10);
    expect(overview.upcoming[0]?.name).toBe(scaleConfigName(1));
    expect(RUNS).toBe(100_000);
  });
});
