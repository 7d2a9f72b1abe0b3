'use client';
import { ButtonLink } from '@/components/ui/button';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { emptyConfigForm, fromConfigInfo } from '@/lib/distribution/config-form';
import { type ConfigInfo, useConfig } from '@/lib/distribution/hooks';
import { useRepository } from '@/lib/projects/hooks';
import { NotificationsSection } from '../../_components/notifications-section';
import { ConfigForm } from './config-form';
import { DriftSection } from './drift-section';

type PageProps = { projectId: string; repoName: string; name?: string };

/** Loads what the form needs (the repository type, and the config when editing) before showing it. */
export function ConfigFormPage({ projectId, repoName, name }: PageProps) {
  const repo = useRepository(projectId, repoName);
  const config = useConfig(projectId, repoName, name ?? '');
  const base = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/configs`;
  const missing = (
    <EmptyState title={`No config named ${name}`} action={<ButtonLink href={base}>Back to configs</ButtonLink>}>
      It may have been deleted.
    </EmptyState>
  );
  return (
    <QueryView query={repo} loading="Loading config" rows={6} empty={<EmptyState title="Repository not found" />}>
      {(repository) =>
        name === undefined ? (
          <Page projectId={projectId} repoName={repoName} repoType={repository.type} base={base} />
        ) : (
          <QueryView query={config} loading="Loading config" rows={6} empty={missing}>
            {(existing) => <Page projectId={projectId} repoName={repoName} repoType={repository.type} base={base} existing={existing} />}
          </QueryView>
        )
      }
    </QueryView>
  );
}

function Page({
  projectId,
  repoName,
  repoType,
  base,
  existing,
}: {
  projectId: string;
  repoName: string;
  repoType: 'GENERIC' | 'DOCKER';
  base: string;
  existing?: ConfigInfo;
}) {
  return (
    <div className="stack">
      <div className="row between">
        <h2 className="flush">{existing ? `Edit ${existing.name}` : 'New distribution config'}</h2>
        {existing ? (
          <ButtonLink href={`${base}/${encodeURIComponent(existing.name)}/history`} size="sm">
            Execution history
          </ButtonLink>
        ) : null}
      </div>
      <ConfigForm
        projectId={projectId}
        repoName={repoName}
        repoType={repoType}
        existing={existing}
        initial={existing ? fromConfigInfo(existing) : emptyConfigForm(repoType === 'GENERIC' ? 'cluster' : 'registry')}
      />
      {existing ? <DriftSection projectId={projectId} repoName={repoName} name={existing.name} /> : null}
      {existing ? <NotificationsSection owner={{ kind: 'config', projectId, repoName, name: existing.name }} /> : null}
    </div>
  );
}
