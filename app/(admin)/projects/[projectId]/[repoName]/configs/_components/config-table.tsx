'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { FilterInput, FilterSelect } from '@/components/ui/list-filters';
import { PageNav } from '@/components/ui/pager';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { Switch } from '@/components/ui/switch';
import { ACTIONS, ActionsCell, DataTable, NoMatchRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { useClusters } from '@/lib/clusters/hooks';
import { describeTarget, describeTrigger } from '@/lib/distribution/describe';
import { useConfigPage, useDeleteConfig, useRunConfigNow, useToggleConfig } from '@/lib/distribution/hooks';
import { useDriftSummaries } from '@/lib/drift/hooks';
import { formatServerTime } from '@/lib/format/format';
import { useListParams } from '@/lib/paging/use-list-params';
import { usePermission } from '@/lib/users/hooks';
import { PlanPreviewButton } from '../../_components/plan-preview';
import { DriftCell } from './drift-cell';

const STATE_FILTERS = {
  all: {},
  enabled: { enabled: true },
  disabled: { enabled: false },
  failed: { lastStatus: 'FAILED' },
} as const;
type StateFilter = keyof typeof STATE_FILTERS;
const STATE_OPTIONS = { all: 'All configs', enabled: 'Enabled', disabled: 'Disabled', failed: 'Last run failed' };
const TRIGGER_OPTIONS = { all: 'Any trigger', REAL_TIME: 'Real-time', SCHEDULED: 'Scheduled' };

/** A repository's configs, a page at a time, filtered by the server. */
export function ConfigTable({ projectId, repoName }: { projectId: string; repoName: string }) {
  const list = useListParams({ name: '', state: 'all', type: 'all' });
  const { name, state, type } = list.filters;
  const configs = useConfigPage(projectId, repoName, {
    pageNumber: list.pageNumber,
    pageSize: list.pageSize,
    name: name.trim(),
    ...STATE_FILTERS[state as StateFilter],
    replicaType: type === 'REAL_TIME' || type === 'SCHEDULED' ? type : undefined,
  });
  const clusters = useClusters();
  const drift = useDriftSummaries(projectId, repoName);
  const toggle = useToggleConfig(projectId, repoName);
  const remove = useDeleteConfig(projectId, repoName);
  const runNow = useRunConfigNow(projectId, repoName);
  const maintain = usePermission(projectId, 'MAINTAINER');
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/configs`;
  const clusterName = (id: string | null) => clusters.data?.find((c) => c.id === id)?.name;

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
  return (
    <QueryView
      query={configs}
      loading="Loading distribution configs"
      empty={empty}
      isEmpty={(page) => page.totalRecords === 0 && !list.filtered}
    >
      {(page) => (
        <div className="stack">
          <div className="row between">
            <div className="row">
              <FilterInput list={list} field="name" id="config-filter" label="Filter configs" placeholder="Filter by name" />
              <FilterSelect list={list} field="state" label="Show" options={STATE_OPTIONS} />
              <FilterSelect list={list} field="type" label="Trigger" options={TRIGGER_OPTIONS} />
            </div>
            {newButton}
          </div>
          <DataTable
            caption={`Distribution configs of ${repoName}`}
            columns={['Name', 'Target', 'Trigger', 'Enabled', 'Last run', 'Next run', 'Drift', ACTIONS]}
          >
            {page.records.length === 0 ? <NoMatchRow columns={8}>No config matches the filter.</NoMatchRow> : null}
            {page.records.map((config) => (
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
                <td>
                  <DriftCell check={drift.data?.get(config.name)} />
                </td>
                <ActionsCell>
                  <ButtonLink href={`${base}/${encodeURIComponent(config.name)}`} size="sm">
                    {maintain.allowed ? 'Edit' : 'View'}
                  </ButtonLink>
                  <ButtonLink href={`${base}/${encodeURIComponent(config.name)}/history`} size="sm">
                    History
                  </ButtonLink>
                  <PlanPreviewButton
                    projectId={projectId}
                    repoName={repoName}
                    size="sm"
                    ariaLabel={`Preview ${config.name}`}
                    subject={() => ({ name: config.name, kind: 'CONFIG' })}
                    disabledReason={maintain.reason}
                  />
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
          <PageNav page={page} onPage={list.setPage} noun="config" />
        </div>
      )}
    </QueryView>
  );
}
