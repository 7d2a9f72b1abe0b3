'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { StatusBadge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { Input, Label } from '@/components/ui/field';
import { QueryView } from '@/components/ui/query-view';
import { Select } from '@/components/ui/select';
import { EmptyState } from '@/components/ui/states';
import { Switch } from '@/components/ui/switch';
import { ACTIONS, ActionsCell, DataTable } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { useClusters } from '@/lib/clusters/hooks';
import { describeTarget, describeTrigger } from '@/lib/distribution/describe';
import { type ConfigInfo, useConfigs, useDeleteConfig, useRunConfigNow, useToggleConfig } from '@/lib/distribution/hooks';
import { formatServerTime } from '@/lib/format/format';
import { usePermission } from '@/lib/users/hooks';

type SortKey = 'name' | 'lastRun' | 'nextRun';
const sorters: Record<SortKey, (c: ConfigInfo) => string> = {
  name: (c) => c.name.toLowerCase(),
  lastRun: (c) => c.lastExecution?.startTime ?? '',
  nextRun: (c) => c.nextFireTime ?? '9999',
};

export function ConfigTable({ projectId, repoName }: { projectId: string; repoName: string }) {
  const configs = useConfigs(projectId, repoName);
  const clusters = useClusters();
  const toggle = useToggleConfig(projectId, repoName);
  const remove = useDeleteConfig(projectId, repoName);
  const runNow = useRunConfigNow(projectId, repoName);
  const maintain = usePermission(projectId, 'MAINTAINER');
  const [filter, setFilter] = useState('');
  const [state, setState] = useState('all');
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'name', asc: true });
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/configs`;
  const clusterName = (id: string | null) => clusters.data?.find((c) => c.id === id)?.name;

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const list = (configs.data ?? []).filter((c) => {
      if (state === 'enabled' && !c.enable) return false;
      if (state === 'disabled' && c.enable) return false;
      if (state === 'failed' && c.lastExecution?.status !== 'FAILED') return false;
      if (!needle) return true;
      return [c.name, c.registry, c.remoteProjectId, c.remoteRepoName, c.description].some((v) => v?.toLowerCase().includes(needle));
    });
    const key = sorters[sort.key];
    return list.sort((a, b) => key(a).localeCompare(key(b)) * (sort.asc ? 1 : -1));
  }, [configs.data, filter, state, sort]);

  const newButton = (
    <ButtonLink href={`${base}/new`} variant="primary" disabledReason={maintain.reason}>
      New config
    </ButtonLink>
  );
  const empty = (
    <EmptyState title="No distribution configs yet" action={newButton}>
      A distribution config copies this repository&apos;s artifacts somewhere else and keeps them there: to any OCI registry (heterogeneous)
      or to a repository on another Ferry cluster (homogeneous), either in real time as artifacts change or on a schedule. You can narrow it
      to some images and versions, or some folders.
    </EmptyState>
  );
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button type="button" onClick={() => setSort((s) => ({ key, asc: s.key === key ? !s.asc : true }))}>
        {label} {sort.key === key ? (sort.asc ? '▲' : '▼') : ''}
      </button>
    </th>
  );
  return (
    <QueryView query={configs} loading="Loading distribution configs" empty={empty}>
      {() => (
        <div className="stack">
          <div className="row between">
            <div className="row">
              <Label htmlFor="config-filter" className="sr-only">
                Filter configs
              </Label>
              <Input
                className="filter-input"
                id="config-filter"
                placeholder="Filter by name or target"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
              <div className="filter-select">
                <Select
                  aria-label="Show"
                  value={state}
                  onValueChange={setState}
                  options={[
                    { value: 'all', label: 'All configs' },
                    { value: 'enabled', label: 'Enabled' },
                    { value: 'disabled', label: 'Disabled' },
                    { value: 'failed', label: 'Last run failed' },
                  ]}
                />
              </div>
            </div>
            {newButton}
          </div>
          <DataTable
            caption={`Distribution configs of ${repoName}`}
            columns={[
              header('name', 'Name'),
              'Target',
              'Trigger',
              'Enabled',
              header('lastRun', 'Last run'),
              header('nextRun', 'Next run'),
              ACTIONS,
            ]}
          >
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="muted">
                  No config matches the filter.
                </td>
              </tr>
            ) : null}
            {rows.map((config) => (
              <tr key={config.name} data-testid={`config-row-${config.name}`}>
                <td>
                  <Link href={`${base}/${encodeURIComponent(config.name)}`}>{config.name}</Link>
                  {config.description ? <div className="muted text-xs">{config.description}</div> : null}
                </td>
                <td>
                  <span className="muted text-xs">{config.registry ? 'Registry' : 'Cluster'}</span>
                  <div>{describeTarget(config, clusterName(config.clusterId))}</div>
                </td>
                <td>{describeTrigger(config)}</td>
                <td>
                  <Switch
                    checked={config.enable}
                    aria-label={`Enable ${config.name}`}
                    disabled={!maintain.allowed}
                    title={maintain.reason}
                    aria-description={maintain.reason}
                    onCheckedChange={() =>
                      toggle.mutate(config.name, {
                        onSuccess: () => toast(`${config.name} ${config.enable ? 'disabled' : 'enabled'}`),
                        onError: (error) => toast(error.message, 'error'),
                      })
                    }
                  />
                </td>
                <td>
                  <StatusBadge status={config.lastExecution?.status} />
                  <div className="muted nowrap text-xs">{formatServerTime(config.lastExecution?.startTime)}</div>
                  {config.lastExecution?.errorReason ? <div className="text-xs text-danger">{config.lastExecution.errorReason}</div> : null}
                </td>
                <td className="nowrap">{formatServerTime(config.nextFireTime)}</td>
                <ActionsCell>
                  <ButtonLink href={`${base}/${encodeURIComponent(config.name)}`} size="sm">
                    {maintain.allowed ? 'Edit' : 'View'}
                  </ButtonLink>
                  <ButtonLink href={`${base}/${encodeURIComponent(config.name)}/history`} size="sm">
                    History
                  </ButtonLink>
                  {config.replicaType === 'SCHEDULED' ? (
                    <Button
                      size="sm"
                      disabled={runNow.isPending}
                      disabledReason={maintain.reason}
                      onClick={() =>
                        runNow.mutate(config.name, {
                          onSuccess: () => toast(`${config.name} queued to run now`),
                          onError: (error) => toast(`Could not run ${config.name}: ${error.message}`, 'error'),
                        })
                      }
                    >
                      Run now
                    </Button>
                  ) : null}
                  <DeleteAction
                    what="config"
                    name={config.name}
                    label={`Delete ${config.name}`}
                    description="A queued or running run of it is cancelled. Its execution history is kept; copies already made stay where they are."
                    run={() => remove.mutateAsync(config.name)}
                    disabledReason={maintain.reason}
                  />
                </ActionsCell>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </QueryView>
  );
}
