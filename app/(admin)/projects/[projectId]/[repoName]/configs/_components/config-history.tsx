'use client';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useConfig } from '@/lib/distribution/hooks';
import { ExecutionHistory } from '../../../../../runs/_components/execution-history';

export function ConfigHistory({ projectId, repoName, name }: { projectId: string; repoName: string; name: string }) {
  const config = useConfig(projectId, repoName, name);
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/configs`;
  return (
    <div className="stack">
      <div className="row between">
        <h2 className="flush">Runs of {name}</h2>
        <ButtonLink href={`${base}/${encodeURIComponent(name)}`} size="sm">
          Edit config
        </ButtonLink>
      </div>
      {config.isError ? (
        <ErrorState error={config.error} onRetry={() => config.refetch()} />
      ) : config.isSuccess && !config.data ? (
        <EmptyState title={`No config named ${name}`} />
      ) : (
        <ExecutionHistory taskKey={config.data?.taskKey} />
      )}
    </div>
  );
}
