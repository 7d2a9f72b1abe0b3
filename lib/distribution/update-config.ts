import type { z } from 'zod';
import type { Db } from '../db/client';
import { parseOrThrow } from '../http/validation';
import { getRepositoryOrThrow } from '../projects/queries';
import { configSetting } from './present';
import { assertNotRunning, getTaskOrThrow, type TaskRow } from './queries';
import type { RepoChange } from './repo-change';
import { configValues, writeConfig } from './save-configs';
import { distributionConfigSchema, type updateDistributionConfigSchema } from './schemas';

type UpdateBody = z.output<typeof updateDistributionConfigSchema>;
type Raw = Record<string, unknown>;

export type UpdateConfigOptions = RepoChange & { name: string; body: UpdateBody };

/** Applies what the body sends onto the stored config, then validates the result as a whole. */
export async function updateDistributionConfig(db: Db, options: UpdateConfigOptions): Promise<void> {
  await db.transaction(async (tx) => {
    const repository = await getRepositoryOrThrow(tx, options.projectName, options.repoName);
    const existing = await getTaskOrThrow(tx, {
      projectName: options.projectName,
      repoName: options.repoName,
      kind: 'CONFIG',
      name: options.name,
    });
    await assertNotRunning(tx, existing);
    const stored = storedConfigInput(existing);
    const merged = mergeUpdate(stored, options.body);
    const config = parseOrThrow(distributionConfigSchema, merged);
    const body = options.body;
    const scheduleChanged =
      body.setting?.executionStrategy != null ||
      body.setting?.executionPlan != null ||
      body.replicaType != null ||
      (body.enable === true && !existing.enabled);
    const values = await configValues(tx, config, {
      repository,
      existing,
      fieldPrefix: '',
      actor: options.actor,
      now: options.now,
      scheduleChanged,
    });
    await writeConfig(tx, values, existing);
    const changes = changedFields(stored, merged);
    if (sent(body.password)) changes.password = 'changed';
    await options.audit?.record(tx, {
      resource: `config/${options.projectName}/${options.repoName}/${options.name}`,
      detail: { changes },
    });
  });
}

/** Field paths whose value differs (`setting.rateLimit`), each as { old, new }; secrets are masked by the audit log. */
function changedFields(before: Raw, after: Raw, prefix = ''): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const now = after[key];
    const isObject = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);
    if (isObject(old) && isObject(now)) Object.assign(changes, changedFields(old, now, `${prefix}${key}.`));
    else if (JSON.stringify(old ?? null) !== JSON.stringify(now ?? null))
      changes[`${prefix}${key}`] = { old: old ?? null, new: now ?? null };
  }
  return changes;
}

/** The stored config in request shape (password left out: an absent password means "keep"). */
function storedConfigInput(row: TaskRow): Raw {
  return {
    name: row.name,
    clusterId: row.clusterId,
    remoteProjectId: row.remoteProjectId,
    remoteRepoName: row.remoteRepoName,
    registry: row.registry,
    username: row.username,
    certificate: row.certificate,
    packageConstraints: row.packageConstraints,
    pathConstraints: row.pathConstraints,
    replicaType: row.replicaType,
    setting: configSetting(row, (time) => time?.toISOString() ?? null),
    enable: row.enabled,
    description: row.description,
    verifyCron: row.verifyCron,
    replicateDeletes: row.replicateDeletes,
  };
}

const sent = (value: unknown) => value !== undefined && value !== null && value !== '';

function mergeUpdate(stored: Raw, body: UpdateBody): Raw {
  const merged: Raw = { ...stored };
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'setting' && sent(value)) merged[key] = value;
  }
  // The one field an empty text clears: null means "keep", as for every other field.
  if (body.verifyCron === '') merged.verifyCron = null;
  // Switching target kind drops the other kind's fields, so "exactly one" holds after the switch.
  if (sent(body.clusterId) && !sent(body.registry)) {
    Object.assign(merged, { registry: null, username: null, certificate: null, password: null });
  }
  if (sent(body.registry) && !sent(body.clusterId)) {
    Object.assign(merged, { clusterId: null, remoteProjectId: null, remoteRepoName: null });
  }
  // Leaving REAL_TIME without a word about deletions turns them off rather than refusing the change.
  if (sent(body.replicaType) && body.replicaType !== 'REAL_TIME' && body.replicateDeletes == null) merged.replicateDeletes = false;
  if (body.setting) {
    const setting = { ...(stored.setting as Raw) };
    for (const [key, value] of Object.entries(body.setting)) {
      if (key !== 'executionPlan' && value !== undefined && value !== null) setting[key] = value;
    }
    if (body.setting.executionPlan) {
      setting.executionPlan = { ...(setting.executionPlan as Raw), ...withoutUndefined(body.setting.executionPlan) };
    }
    merged.setting = setting;
  }
  return merged;
}

function withoutUndefined(record: Record<string, unknown>): Raw {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
