import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/api-client';
import { createClusterNode, createProjectWithRepo } from '../support/factories';
import { ferryForFile } from '../support/ferry-for-file';
import { expectRefusal } from '../support/refusal';
import { nextDailyAt } from '../support/time';

// Servers run with TZ=Asia/Shanghai (UTC+8, no DST), so expected wall times are computable.
const SHANGHAI = 8;
const ferry = ferryForFile();

type ConfigInfo = Record<string, unknown> & {
  name: string;
  taskKey: string;
  password: null;
  hasPassword: boolean;
  registry: string | null;
  clusterId: string | null;
  setting: { rateLimit: number; executionStrategy: string; executionPlan: Record<string, unknown> };
  nextFireTime: string | null;
  enable: boolean;
};

const base = (projectId: string, repoName: string) => `/replication/api/remote/distribution/%s/${projectId}/${repoName}`;
const infoOf = async (projectId: string, repoName: string) =>
  dataOf(await ferry.api.get<ConfigInfo[]>(base(projectId, repoName).replace('%s', 'info')));
const create = (projectId: string, repoName: string, configs: unknown) =>
  ferry.api.post(base(projectId, repoName).replace('%s', 'create'), { configs });

// The request bodies of the spec, with its placeholders filled in.
const documentedSetting = {
  rateLimit: 0,
  includeMetadata: true,
  conflictStrategy: 'SKIP',
  errorStrategy: 'CONTINUE',
  executionStrategy: 'IMMEDIATELY',
  executionPlan: { executeImmediately: true },
};
const heterogeneousExample = {
  name: 'mirrors',
  registry: 'registry.example.com/library',
  username: 'robot',
  password: 'registry-secret-1',
  packageConstraints: [],
  pathConstraints: [],
  replicaType: 'REAL_TIME',
  setting: documentedSetting,
  enable: true,
  description: 'test replica task',
};

describe('create and info: the documented examples', () => {
  it('stores the heterogeneous example and returns the spec shape with password null', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const response = await create(projectId, repoName, [heterogeneousExample]);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: 0, message: null, data: null });
    const [config] = await infoOf(projectId, repoName);
    expect(config).toMatchObject({
      projectId,
      repoName,
      name: 'mirrors',
      registry: 'registry.example.com/library',
      certificate: null,
      username: 'robot',
      password: null,
      hasPassword: true,
      packageConstraints: null,
      pathConstraints: null,
      replicaType: 'REAL_TIME',
      setting: { ...documentedSetting, executionPlan: { executeImmediately: true, executeTime: null, cronExpression: null } },
      description: 'test replica task',
      enable: true,
      lastExecution: null,
      nextFireTime: null,
    });
    expect(config?.taskKey).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(config)).not.toContain('registry-secret-1');
    expect(ferry.server.output()).not.toContain('registry-secret-1');
  });

  it('stores the homogeneous example with its cluster and remote project/repository', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api, 'GENERIC');
    const cluster = await createClusterNode(ferry.api);
    dataOf(
      await create(projectId, repoName, [
        {
          ...heterogeneousExample,
          registry: undefined,
          username: undefined,
          password: undefined,
          clusterId: cluster.id,
          remoteProjectId: 'remote-proj',
          remoteRepoName: 'remote-repo',
        },
      ]),
    );
    const configs = dataOf(await ferry.api.get<ConfigInfo[]>(`/replication/api/remote/distribution/info/${projectId}/${repoName}/mirrors`));
    expect(configs).toHaveLength(1);
    expect(configs[0]).toMatchObject({
      clusterId: cluster.id,
      remoteProjectId: 'remote-proj',
      remoteRepoName: 'remote-repo',
      registry: null,
      hasPassword: false,
    });
  });

  it('answers [] for an unknown name and 251006 for an unknown repository', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    expect(dataOf(await ferry.api.get(`/replication/api/remote/distribution/info/${projectId}/${repoName}/nothing`))).toEqual([]);
    const missingRepo = await ferry.api.get(`/replication/api/remote/distribution/info/${projectId}/no-such-repo`);
    expectRefusal(missingRepo, 404, 251006);
  });

  it('stores normalised path constraints and package constraints', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(
      await create(projectId, repoName, [
        {
          ...heterogeneousExample,
          pathConstraints: ['/release//v1/', { path: '/docs' }],
          packageConstraints: [{ packageName: 'nginx', versions: ['1.25', '1.26'] }, { packageKey: 'docker://redis' }],
        },
      ]),
    );
    const [config] = await infoOf(projectId, repoName);
    expect(config?.pathConstraints).toEqual([{ path: '/release/v1' }, { path: '/docs' }]);
    expect(config?.packageConstraints).toEqual([
      { packageKey: null, packageName: 'nginx', versions: ['1.25', '1.26'], targetVersions: null },
      { packageKey: 'docker://redis', packageName: null, versions: null, targetVersions: null },
    ]);
  });
});

describe('execution plans', () => {
  const scheduled = (executionStrategy: string, executionPlan: Record<string, unknown>) => ({
    ...heterogeneousExample,
    replicaType: 'SCHEDULED',
    setting: { ...documentedSetting, executionStrategy, executionPlan },
  });

  it('computes the next fire time of a Quartz cron in the ferry.server zone', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(await create(projectId, repoName, [scheduled('CRON_EXPRESSION', { cronExpression: '0 0 2 * * ?' })]));
    const [config] = await infoOf(projectId, repoName);
    expect(config?.nextFireTime).toBe(nextDailyAt(2, new Date(), SHANGHAI));
  });

  it('accepts plain 5-field cron and Quartz L / # forms', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(
      await create(projectId, repoName, [
        { ...scheduled('CRON_EXPRESSION', { cronExpression: '30 2 * * *' }), name: 'unix_cron' },
        { ...scheduled('CRON_EXPRESSION', { cronExpression: '0 0 12 ? * 6L' }), name: 'last_friday' },
        { ...scheduled('CRON_EXPRESSION', { cronExpression: '0 15 10 ? * 2#1 2099' }), name: 'with_year' },
      ]),
    );
    const byName = Object.fromEntries((await infoOf(projectId, repoName)).map((c) => [c.name, c.nextFireTime]));
    expect(byName.unix_cron).toMatch(/T02:30:00$/);
    expect(byName.last_friday).toMatch(/T12:00:00$/);
    const lastFriday = new Date(`${byName.last_friday}Z`);
    expect(lastFriday.getUTCDay()).toBe(5);
    expect(lastFriday.getUTCDate() + 7).toBeGreaterThan(
      new Date(Date.UTC(lastFriday.getUTCFullYear(), lastFriday.getUTCMonth() + 1, 0)).getUTCDate(),
    );
    // First Monday of January 2099 is the 5th.
    expect(byName.with_year).toBe('2099-01-05T10:15:00');
  });

  it('fires SPECIFIED_TIME at executeTime, reading offsets and the local format alike', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(
      await create(projectId, repoName, [
        { ...scheduled('SPECIFIED_TIME', { executeImmediately: false, executeTime: '2031-05-01T08:30:00' }), name: 'local' },
        { ...scheduled('SPECIFIED_TIME', { executeImmediately: false, executeTime: '2031-05-01T00:30:00.5Z' }), name: 'offset' },
      ]),
    );
    const byName = Object.fromEntries((await infoOf(projectId, repoName)).map((c) => [c.name, c]));
    expect(byName.local?.nextFireTime).toBe('2031-05-01T08:30:00');
    expect(byName.offset?.setting.executionPlan.executeTime).toBe('2031-05-01T08:30:00.5');
  });

  it('plans IMMEDIATELY scheduled configs for now and real-time configs not at all', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const before = Date.now();
    dataOf(
      await create(projectId, repoName, [
        { ...scheduled('IMMEDIATELY', { executeImmediately: true }), name: 'now' },
        { ...heterogeneousExample, name: 'live' },
      ]),
    );
    const byName = Object.fromEntries((await infoOf(projectId, repoName)).map((c) => [c.name, c]));
    const fire = new Date(`${byName.now?.nextFireTime}+08:00`).getTime();
    expect(fire).toBeGreaterThanOrEqual(before - 1000);
    expect(fire).toBeLessThanOrEqual(Date.now() + 1000);
    expect(byName.live?.nextFireTime).toBeNull();
  });
});

describe('create validation: clear errors, nothing stored', () => {
  const setting = (overrides: Record<string, unknown>) => ({ ...documentedSetting, ...overrides });
  const cases: Array<[string, (clusterId: string) => Record<string, unknown>, number, number, string]> = [
    [
      'both clusterId and registry',
      (c) => ({ clusterId: c, remoteProjectId: 'p', remoteRepoName: 'r' }),
      400,
      250105,
      'configs[0].clusterId',
    ],
    ['neither clusterId nor registry', () => ({ registry: undefined }), 400, 250105, 'configs[0].registry'],
    [
      'an unknown cluster',
      () => ({ registry: undefined, clusterId: 'feedfacefeedfacefeedface', remoteProjectId: 'p', remoteRepoName: 'r' }),
      404,
      250306,
      'feedface',
    ],
    [
      'clusterId without remoteProjectId',
      (c) => ({ registry: undefined, clusterId: c, remoteRepoName: 'r' }),
      400,
      250103,
      'Parameter [configs[0].remoteProjectId] is missing',
    ],
    [
      'clusterId without remoteRepoName',
      (c) => ({ registry: undefined, clusterId: c, remoteProjectId: 'p' }),
      400,
      250103,
      'Parameter [configs[0].remoteRepoName] is missing',
    ],
    ['a registry without namespace', () => ({ registry: 'registry.example.com' }), 400, 250105, 'configs[0].registry'],
    ['a registry with a bad port', () => ({ registry: 'https://127.0.0.1:99999/ns' }), 400, 250105, 'configs[0].registry'],
    ['a registry with an uppercase namespace', () => ({ registry: '127.0.0.1:5000/MyNs' }), 400, 250105, 'configs[0].registry'],
    ['a name starting with a digit', () => ({ name: '1mirror' }), 400, 250105, 'configs[0].name'],
    ['a one-character name', () => ({ name: 'm' }), 400, 250105, 'configs[0].name'],
    ['a missing name', () => ({ name: undefined }), 400, 250103, 'Parameter [configs[0].name] is missing'],
    ['an unknown replicaType', () => ({ replicaType: 'WEEKLY' }), 400, 250106, 'configs[0].replicaType'],
    [
      'an unknown conflictStrategy',
      () => ({ setting: setting({ conflictStrategy: 'IGNORE' }) }),
      400,
      250106,
      'configs[0].setting.conflictStrategy',
    ],
    ['an unknown errorStrategy', () => ({ setting: setting({ errorStrategy: 'RETRY' }) }), 400, 250106, 'configs[0].setting.errorStrategy'],
    ['a negative rateLimit', () => ({ setting: setting({ rateLimit: -1 }) }), 400, 250105, 'configs[0].setting.rateLimit'],
    ['a fractional rateLimit', () => ({ setting: setting({ rateLimit: 1.5 }) }), 400, 250105, 'configs[0].setting.rateLimit'],
    ['a string rateLimit', () => ({ setting: setting({ rateLimit: 'fast' }) }), 400, 250106, 'configs[0].setting.rateLimit'],
    ['a string enable', () => ({ enable: 'yes' }), 400, 250106, 'configs[0].enable'],
    ['a missing setting', () => ({ setting: undefined }), 400, 250103, 'Parameter [configs[0].setting] is missing'],
    [
      'IMMEDIATELY with executeImmediately false',
      () => ({ setting: setting({ executionPlan: { executeImmediately: false } }) }),
      400,
      250105,
      'configs[0].setting.executionPlan.executeImmediately',
    ],
    [
      'SPECIFIED_TIME without executeTime',
      () => ({ setting: setting({ executionStrategy: 'SPECIFIED_TIME', executionPlan: {} }) }),
      400,
      250103,
      'Parameter [configs[0].setting.executionPlan.executeTime] is missing',
    ],
    [
      'SPECIFIED_TIME in the past',
      () => ({ setting: setting({ executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: '2020-01-01T00:00:00' } }) }),
      400,
      250105,
      'configs[0].setting.executionPlan.executeTime',
    ],
    [
      'SPECIFIED_TIME that is not a date',
      () => ({ setting: setting({ executionStrategy: 'SPECIFIED_TIME', executionPlan: { executeTime: 'next tuesday' } }) }),
      400,
      250105,
      'configs[0].setting.executionPlan.executeTime',
    ],
    [
      'CRON without an expression',
      () => ({ setting: setting({ executionStrategy: 'CRON_EXPRESSION', executionPlan: {} }) }),
      400,
      250103,
      'Parameter [configs[0].setting.executionPlan.cronExpression] is missing',
    ],
    [
      'a cron with an hour of 25',
      () => ({ setting: setting({ executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 25 * * ?' } }) }),
      400,
      250105,
      'configs[0].setting.executionPlan.cronExpression',
    ],
    [
      'a cron with 8 fields',
      () => ({ setting: setting({ executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 2 * * ? 2030 1' } }) }),
      400,
      250105,
      'configs[0].setting.executionPlan.cronExpression',
    ],
    ['a path with ..', () => ({ pathConstraints: ['/a/../etc'] }), 400, 250105, 'configs[0].pathConstraints[0]'],
    ['a relative path', () => ({ pathConstraints: [{ path: 'relative/file' }] }), 400, 250105, 'configs[0].pathConstraints[0].path'],
    [
      'a package constraint without a package',
      () => ({ packageConstraints: [{ versions: ['1.0'] }] }),
      400,
      250103,
      'configs[0].packageConstraints[0].packageName',
    ],
  ];

  it.each(cases)('rejects %s', async (_label, build, status, code, messagePart) => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const cluster = await createClusterNode(ferry.api);
    const response = await create(projectId, repoName, [{ ...heterogeneousExample, ...build(cluster.id) }]);
    expect(response.body.message).toContain(messagePart);
    expect([response.status, response.body.code]).toEqual([status, code]);
    expect(await infoOf(projectId, repoName)).toEqual([]);
  });

  it('rejects a missing or empty configs list', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const missing = await ferry.api.post(base(projectId, repoName).replace('%s', 'create'), {});
    expect([missing.status, missing.body.code, missing.body.message]).toEqual([400, 250103, 'Parameter [configs] is missing']);
    const empty = await create(projectId, repoName, []);
    expectRefusal(empty, 400, 250105);
  });

  it('rejects a registry target on a GENERIC repository', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api, 'GENERIC');
    const response = await create(projectId, repoName, [heterogeneousExample]);
    expectRefusal(response, 400, 250105, 'configs[0].registry');
  });

  it('answers 251006 for an unknown repository', async () => {
    const response = await create('nope', 'nope', [heterogeneousExample]);
    expectRefusal(response, 404, 251006);
  });

  it('is all-or-nothing: a bad second config stores neither', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const response = await create(projectId, repoName, [
      heterogeneousExample,
      {
        ...heterogeneousExample,
        name: 'second',
        registry: undefined,
        clusterId: 'feedfacefeedfacefeedface',
        remoteProjectId: 'p',
        remoteRepoName: 'r',
      },
    ]);
    expectRefusal(response, 404, 250306, 'configs[1].clusterId');
    expect(await infoOf(projectId, repoName)).toEqual([]);
  });

  it('is all-or-nothing for a failing update of an existing config too', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(await create(projectId, repoName, [heterogeneousExample]));
    const response = await create(projectId, repoName, [
      { ...heterogeneousExample, description: 'changed' },
      { ...heterogeneousExample, name: 'bad', setting: { ...documentedSetting, rateLimit: -5 } },
    ]);
    expect(response.body.code).toBe(250105);
    const [config] = await infoOf(projectId, repoName);
    expect(config?.description).toBe('test replica task');
  });

  it('rejects the same name twice in one request', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    const response = await create(projectId, repoName, [heterogeneousExample, heterogeneousExample]);
    expectRefusal(response, 400, 250105, 'configs[1].name');
  });
});

describe('create of an existing name updates it', () => {
  it('keeps the taskKey and one config, and applies the new settings', async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    dataOf(await create(projectId, repoName, [heterogeneousExample]));
    const [before] = await infoOf(projectId, repoName);
    dataOf(
      await create(projectId, repoName, [
        { ...heterogeneousExample, password: undefined, setting: { ...documentedSetting, rateLimit: 1048576 } },
      ]),
    );
    const after = await infoOf(projectId, repoName);
    expect(after).toHaveLength(1);
    expect(after[0]?.taskKey).toBe(before?.taskKey);
    expect(after[0]?.setting.rateLimit).toBe(1048576);
    expect(after[0]?.hasPassword).toBe(true);
  });
});
