import { describeCron } from '../schedule/cron';
import type { ConfigInfo } from './present';

type Describable = Pick<ConfigInfo, 'replicaType' | 'setting'>;

/** The trigger in words: "Real-time", or the plan ("At 02:00 AM, every day"). */
export function describeTrigger(config: Describable): string {
  if (config.replicaType === 'REAL_TIME') return 'Real-time: copies each change as it happens';
  const plan = config.setting.executionPlan;
  switch (config.setting.executionStrategy) {
    case 'IMMEDIATELY':
      return 'Once, right after it is saved or enabled';
    case 'SPECIFIED_TIME':
      return `Once at ${plan.executeTime?.replace('T', ' ') ?? '?'} (server time)`;
    case 'CRON_EXPRESSION':
      try {
        return describeCron(plan.cronExpression ?? '');
      } catch {
        return `Cron ${plan.cronExpression}`;
      }
  }
}

/** Where a config or task copies to: "registry host/namespace" or "cluster → project/repo". */
export function describeTarget(
  target: { registry: string | null; clusterId: string | null; remoteProjectId: string | null; remoteRepoName: string | null },
  clusterName?: string,
): string {
  if (target.registry) return target.registry;
  return `${clusterName ?? target.clusterId ?? '?'} → ${target.remoteProjectId ?? '?'}/${target.remoteRepoName ?? '?'}`;
}
