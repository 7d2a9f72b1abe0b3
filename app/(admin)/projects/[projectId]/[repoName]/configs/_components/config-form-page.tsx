'use client';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { emptyConfigForm, fromConfigInfo } from '@/lib/distribution/config-form';
import { useConfig } from '@/lib/distribution/hooks';
import { useRepository } from '@/lib/projects/hooks';
import { ConfigForm } from './config-form';

/** Loads what the form needs (the repository type, and the config when editing) before showing it. */
export function ConfigFormPage({ projectId, repoName, name }: { projectId: string; repoName: string; name?: string }) {
  const repo = useRepository(projectId, repoName);
  const config = useConfig(projectId, repoName, name ?? '');
  const editing = name !== undefined;
  if (repo.isPending || (editing && config.isPending)) return <TableSkeleton label="Loading config" rows={6} />;
  if (repo.isError) return <ErrorState error={repo.error} onRetry={() => repo.refetch()} />;
  if (editing && config.isError) return <ErrorState error={config.error} onRetry={() => config.refetch()} />;
  if (!repo.data) return <EmptyState title="Repository not found" />;
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/configs`;
  if (editing && !config.data) {
    return (
      <EmptyState
        title={`No config named ${name}`}
        action={
          <Button asChild>
            <Link href={base}>Back to configs</Link>
          </Button>
        }
      >
        It may have been deleted.
      </EmptyState>
    );
  }
  const existing = editing ? (config.data ?? undefined) : undefined;
  return (
    <div className="stack">
      <div className="row between">
        <h2 className="flush">{existing ? `Edit ${existing.name}` : 'New distribution config'}</h2>
        {existing ? (
          <Button asChild size="sm">
            <Link href={`${base}/${encodeURIComponent(existing.name)}/history`}>Execution history</Link>
          </Button>
        ) : null}
      </div>
      <ConfigForm
        projectId={projectId}
        repoName={repoName}
        repoType={repo.data.type}
        existing={existing}
        initial={existing ? fromConfigInfo(existing) : emptyConfigForm(repo.data.type === 'GENERIC' ? 'cluster' : 'registry')}
      />
    </div>
  );
}
