import { describe, expect, it } from 'vitest';
import { apiPathToFormField, configFormSchema, emptyConfigForm, fromConfigInfo, rateLimitBytes, toConfigBody } from './config-form';
import { emptyRunOnceForm, runOnceFormSchema, runOncePathToFormField } from './run-once-form';
import { distributionConfigSchema } from './schemas';

const valid = { ...emptyConfigForm('registry'), name: 'push_images', registry: 'registry.example.com/library' };

describe('config form', () => {
  it('maps server field paths onto form fields', () => {
    const fields: Array<[string, string | null]> = [
      ['configs[0].setting.rateLimit', 'rateLimitValue'],
      ['configs[0].setting.executionPlan.executeTime', 'executeTime'],
      ['setting.executionPlan.cronExpression', 'cronExpression'],
      ['configs[0].packageConstraints[1].targetVersions', 'packageConstraints.1.versions'],
      ['pathConstraints[2].path', 'pathConstraints.2.path'],
      ['configs[0].registry', 'registry'],
      ['configs', null],
    ];
    for (const [path, field] of fields) expect(apiPathToFormField(path), path).toBe(field);
  });

  it('converts rate limits with units to bytes per second', () => {
    expect(rateLimitBytes({ rateLimitUnit: 'UNLIMITED', rateLimitValue: '5' })).toBe(0);
    expect(rateLimitBytes({ rateLimitUnit: 'KB', rateLimitValue: '1.5' })).toBe(1536);
    expect(rateLimitBytes({ rateLimitUnit: 'MB', rateLimitValue: '2' })).toBe(2 * 1024 * 1024);
    expect(rateLimitBytes({ rateLimitUnit: 'MB', rateLimitValue: '0' })).toBeNull();
  });

  it('produces a body the API schema accepts, and round-trips a cron config', () => {
    const values = {
      ...valid,
      trigger: 'CRON_EXPRESSION' as const,
      cronExpression: '0 0 2 * * ?',
      rateLimitUnit: 'MB' as const,
      rateLimitValue: '3',
    };
    const body = toConfigBody(values);
    const parsed = distributionConfigSchema.parse(body);
    expect(parsed).toMatchObject({
      replicaType: 'SCHEDULED',
      setting: { executionStrategy: 'CRON_EXPRESSION', rateLimit: 3 * 1024 * 1024 },
    });
  });

  it('sends replicateDeletes for a real-time config only', () => {
    const live = distributionConfigSchema.parse(toConfigBody({ ...valid, trigger: 'REAL_TIME', replicateDeletes: true }));
    expect(live).toMatchObject({ replicaType: 'REAL_TIME', replicateDeletes: true });
    // A ticked box left behind by a switch to a schedule is not sent (the API would refuse it).
    const scheduled = distributionConfigSchema.parse(toConfigBody({ ...valid, trigger: 'IMMEDIATELY', replicateDeletes: true }));
    expect(scheduled).toMatchObject({ replicaType: 'SCHEDULED', replicateDeletes: false });
    expect(apiPathToFormField('configs[0].replicateDeletes')).toBe('replicateDeletes');
  });

  it('reports the API schema rules on the form fields they concern', () => {
    const result = configFormSchema.safeParse({ ...valid, trigger: 'CRON_EXPRESSION', cronExpression: '0 0 2 * *  * * *' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['cronExpression']);
    const noTarget = configFormSchema.safeParse({ ...valid, registry: '' });
    expect(noTarget.error?.issues[0]?.path).toEqual(['registry']);
    const cluster = configFormSchema.safeParse({ ...valid, targetKind: 'cluster', clusterId: 'abc' });
    expect(cluster.error?.issues.map((i) => i.path.join('.'))).toEqual(['remoteProjectId', 'remoteRepoName']);
  });

  it('reads a stored config back with a blank password', () => {
    const info = {
      name: 'c1',
      description: null,
      clusterId: null,
      registry: 'r.example.com/x',
      username: 'u',
      certificate: null,
      remoteProjectId: null,
      remoteRepoName: null,
      hasPassword: true,
      password: null,
      packageConstraints: [{ packageKey: null, packageName: 'nginx', versions: ['1.0'], targetVersions: null }],
      pathConstraints: null,
      replicaType: 'SCHEDULED',
      enable: true,
      setting: {
        rateLimit: 2048,
        includeMetadata: false,
        conflictStrategy: 'OVERWRITE',
        errorStrategy: 'FAST_FAIL',
        executionStrategy: 'SPECIFIED_TIME',
        executionPlan: { executeImmediately: false, executeTime: '2030-01-02T03:04:05', cronExpression: null },
      },
    } as unknown as Parameters<typeof fromConfigInfo>[0];
    expect(fromConfigInfo(info)).toMatchObject({
      password: '',
      rateLimitUnit: 'KB',
      rateLimitValue: '2',
      trigger: 'SPECIFIED_TIME',
      executeTime: '2030-01-02T03:04',
      packageConstraints: [{ packageName: 'nginx', versions: ['1.0'] }],
    });
  });
});

describe('run-once form', () => {
  it('requires versions with a package and puts target tags on their field', () => {
    const base = { ...emptyRunOnceForm('registry'), name: 'push_once', registry: 'r.example.com/x', packageName: 'nginx' };
    expect(runOnceFormSchema.safeParse(base).error?.issues[0]?.path).toEqual(['versions']);
    const twoTargets = runOnceFormSchema.safeParse({ ...base, versions: ['1', '2'], targetVersions: ['3'] });
    expect(twoTargets.error?.issues[0]?.path).toEqual(['targetVersions']);
    expect(runOnceFormSchema.safeParse({ ...base, versions: ['1'], targetVersions: ['2'] }).success).toBe(true);
  });
  it('maps server paths', () => {
    expect(runOncePathToFormField('pathConstraints[1]')).toBe('pathConstraints.1.path');
    expect(runOncePathToFormField('targetVersions')).toBe('targetVersions');
    expect(runOncePathToFormField('versions[0]')).toBe('versions');
  });
});

describe('target errors', () => {
  it('puts "no target" on the cluster picker when the form shows a cluster target', () => {
    const result = configFormSchema.safeParse({ ...valid, registry: '', targetKind: 'cluster' });
    expect(result.error?.issues[0]?.path).toEqual(['clusterId']);
  });
});
