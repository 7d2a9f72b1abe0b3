import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { createConfigs, createProjectWithRepo, createRunOnceTask, executeRunOnceTask } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { expectRefusal } from '../support/refusal';

const ferry = ferryForFile();

type TaskInfo = {
  name: string;
  registry: string | null;
  password: null;
  hasPassword: boolean;
  packageName: string | null;
  versions: string[] | null;
  targetVersions: string[] | null;
  pathConstraints: { path: string }[] | null;
  status: { status: string; progress: { totalItems: number } } | null;
};

describe('GET /replication/api/remote/distribution/runOnceTask/list/{projectId}/{repoName}', () => {
  it('lists the run-once tasks of a repository by name with package, versions and their latest run', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const base = `/replication/api/remote/distribution`;
    await createRunOnceTask(ferry.api, {
      projectId,
      repoName,
      name: 'push_nginx',
      registry: 'registry.example.com/library',
      password: 'secret-pass',
      packageName: 'nginx',
      versions: ['1.1'],
      targetVersions: ['1.2'],
    });
    await createRunOnceTask(ferry.api, {
      projectId,
      repoName,
      name: 'a_first',
      registry: 'r.example.com/x',
      pathConstraints: ['/a'],
    });
    await executeRunOnceTask(ferry.api, { projectId, repoName }, 'push_nginx');

    const tasks = dataOf(await ferry.api.get<TaskInfo[]>(`${base}/runOnceTask/list/${projectId}/${repoName}`));
    expect(tasks.map((t) => t.name)).toEqual(['a_first', 'push_nginx']);
    const [paths, image] = tasks;
    expect(paths).toMatchObject({ packageName: null, versions: null, pathConstraints: [{ path: '/a' }], status: null });
    expect(image).toMatchObject({
      registry: 'registry.example.com/library',
      password: null,
      hasPassword: true,
      packageName: 'nginx',
      versions: ['1.1'],
      targetVersions: ['1.2'],
      status: { status: 'RUNNING' },
    });
    expect(JSON.stringify(tasks)).not.toContain('secret-pass');
  });

  it('does not list distribution configs, and answers 251006 for an unknown repository', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    await createConfigs(ferry.api, { projectId, repoName }, [
      { name: 'cfg_one', registry: 'r.example.com/x', replicaType: 'REAL_TIME', setting: {} },
    ]);
    expect(dataOf(await ferry.api.get(`/replication/api/remote/distribution/runOnceTask/list/${projectId}/${repoName}`))).toEqual([]);
    const missing = await ferry.api.get(`/replication/api/remote/distribution/runOnceTask/list/${projectId}/nope_repo`);
    expectRefusal(missing, 404, 251006);
  });
});
