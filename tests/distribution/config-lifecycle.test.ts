import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { createClusterNode, createConfigs, createProjectWithRepo } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { expectRefusal } from '../support/refusal';

const ferry = ferryForFile();

type ConfigInfo = {
  name: string;
  taskKey: string;
  registry: string | null;
  username: string | null;
  hasPassword: boolean;
  clusterId: string | null;
  remoteProjectId: string | null;
  remoteRepoName: string | null;
  description: string | null;
  enable: boolean;
  replicaType: string;
  nextFireTime: string | null;
  setting: { rateLimit: number; conflictStrategy: string; executionStrategy: string; executionPlan: { cronExpression: string | null } };
};

const path = (verb: string, projectId: string, repoName: string, name = 'mirror') =>
  `/replication/api/remote/distribution/${verb}/${projectId}/${repoName}/${name}`;

async function withConfig(overrides: Record<string, unknown> = {}) {
  const { projectId, repoName } = await createProjectWithRepo(ferry.api);
  await createConfigs(ferry.api, { projectId, repoName }, [
    {
      name: 'mirror',
      registry: 'https://registry.example.com/team',
      username: 'robot',
      password: 'first-secret',
      replicaType: 'SCHEDULED',
      setting: { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 2 * * ?' } },
      description: 'nightly',
      ...overrides,
    },
  ]);
  const info = async () => {
    const [config] = dataOf(await ferry.api.get<ConfigInfo[]>(path('info', projectId, repoName)));
    if (!config) throw new Error('config vanished');
    return config;
  };
  return { projectId, repoName, info };
}

describe('update', () => {
  it('changes only what the body sends and keeps the stored password', async () => {
    const { projectId, repoName, info } = await withConfig();
    const before = await info();
    dataOf(
      await ferry.api.post(path('update', projectId, repoName), { description: 'weekly now', setting: { conflictStrategy: 'OVERWRITE' } }),
    );
    const after = await info();
    expect(after).toMatchObject({
      description: 'weekly now',
      registry: before.registry,
      username: 'robot',
      hasPassword: true,
      taskKey: before.taskKey,
    });
    expect(after.setting).toMatchObject({
      conflictStrategy: 'OVERWRITE',
      executionStrategy: 'CRON_EXPRESSION',
      executionPlan: { cronExpression: '0 0 2 * * ?' },
    });
  });

  it('keeps the password for a new namespace on the same host, drops it for a new host', async () => {
    const { projectId, repoName, info } = await withConfig();
    dataOf(await ferry.api.post(path('update', projectId, repoName), { registry: 'https://registry.example.com/other' }));
    expect((await info()).hasPassword).toBe(true);
    dataOf(await ferry.api.post(path('update', projectId, repoName), { registry: 'https://elsewhere.example.com/team' }));
    expect((await info()).hasPassword).toBe(false);
  });

  it('switches a registry target to a cluster target and back', async () => {
    const { projectId, repoName, info } = await withConfig();
    const cluster = await createClusterNode(ferry.api);
    const incomplete = await ferry.api.post(path('update', projectId, repoName), { clusterId: cluster.id, remoteRepoName: 'r' });
    expect([incomplete.status, incomplete.body.code, incomplete.body.message]).toEqual([
      400,
      250103,
      'Parameter [remoteProjectId] is missing',
    ]);
    dataOf(
      await ferry.api.post(path('update', projectId, repoName), { clusterId: cluster.id, remoteProjectId: 'rp', remoteRepoName: 'rr' }),
    );
    expect(await info()).toMatchObject({
      clusterId: cluster.id,
      remoteProjectId: 'rp',
      remoteRepoName: 'rr',
      registry: null,
      username: null,
      hasPassword: false,
    });
    dataOf(
      await ferry.api.post(path('update', projectId, repoName), {
        registry: '127.0.0.1:5000/ns',
        username: 'u2',
        password: 'second-secret',
      }),
    );
    expect(await info()).toMatchObject({
      clusterId: null,
      remoteProjectId: null,
      registry: '127.0.0.1:5000/ns',
      username: 'u2',
      hasPassword: true,
    });
  });

  it('validates the merged result and changes nothing when it is invalid', async () => {
    const { projectId, repoName, info } = await withConfig();
    const before = await info();
    const noCron = await ferry.api.post(path('update', projectId, repoName), { setting: { executionPlan: { cronExpression: '' } } });
    expect([noCron.status, noCron.body.code, noCron.body.message]).toEqual([
      400,
      250103,
      'Parameter [setting.executionPlan.cronExpression] is missing',
    ]);
    const badRate = await ferry.api.post(path('update', projectId, repoName), { description: 'x', setting: { rateLimit: -5 } });
    expectRefusal(badRate, 400, 250105, 'setting.rateLimit');
    const both = await ferry.api.post(path('update', projectId, repoName), { clusterId: 'abc', registry: 'h.example.com/ns' });
    expectRefusal(both, 400, 250105);
    expect(await info()).toEqual(before);
  });

  it('re-plans the next fire time when the cron changes', async () => {
    const { projectId, repoName, info } = await withConfig();
    dataOf(await ferry.api.post(path('update', projectId, repoName), { setting: { executionPlan: { cronExpression: '0 45 23 * * ?' } } }));
    expect((await info()).nextFireTime).toMatch(/T23:45:00$/);
  });

  it('answers 250310 for an unknown config', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const response = await ferry.api.post(path('update', projectId, repoName, 'ghost'), { description: 'x' });
    expectRefusal(response, 404, 250310);
  });
});

describe('toggle/status', () => {
  it('flips enable and clears the schedule while disabled', async () => {
    const { projectId, repoName, info } = await withConfig();
    expect((await info()).nextFireTime).not.toBeNull();
    dataOf(await ferry.api.post(path('toggle/status', projectId, repoName)));
    expect(await info()).toMatchObject({ enable: false, nextFireTime: null });
    dataOf(await ferry.api.post(path('toggle/status', projectId, repoName)));
    const enabled = await info();
    expect(enabled.enable).toBe(true);
    expect(enabled.nextFireTime).toMatch(/T02:00:00$/);
  });

  it('answers 250310 for an unknown config', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const response = await ferry.api.post(path('toggle/status', projectId, repoName, 'ghost'));
    expectRefusal(response, 404, 250310);
  });
});

describe('delete', () => {
  it('removes the config; a second delete answers 250310', async () => {
    const { projectId, repoName } = await withConfig();
    dataOf(await ferry.api.delete(path('delete', projectId, repoName)));
    expect(dataOf(await ferry.api.get(path('info', projectId, repoName)))).toEqual([]);
    const again = await ferry.api.delete(path('delete', projectId, repoName));
    expectRefusal(again, 404, 250310);
  });
});
