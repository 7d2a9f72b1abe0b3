'use client';
import { useRouter } from 'next/navigation';
import { StatusBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { QueryView } from '@/components/ui/query-view';
import { toast } from '@/components/ui/toast';
import { type ExecutionInProject, useCancelExecution, useCurrentArtifact, useExecution, useRetryExecution } from '@/lib/executions/hooks';
import { formatServerTime } from '@/lib/format/format';
import { usePermission } from '@/lib/users/hooks';
import { RunProgress } from '../../../_components/run-progress';
import { ArtifactTable } from '../../_components/artifact-table';

export function RunDetail({ id }: { id: string }) {
  const run = useExecution(id);
  return (
    <QueryView query={run} loading="Loading run" errorTitle="Could not load this run">
      {(info) => <RunCard id={id} info={info} />}
    </QueryView>
  );
}

function RunCard({ id, info }: { id: string; info: ExecutionInProject }) {
  const router = useRouter();
  const cancel = useCancelExecution();
  const retry = useRetryExecution();
  // History of a deleted config or task has no project: only administrators may act on it.
  const maintain = usePermission(info.projectId, info.projectId ? 'MAINTAINER' : 'ADMIN');
  const live = info.status === 'QUEUED' || info.status === 'RUNNING';
  const currentArtifact = useCurrentArtifact(id, live);
  return (
    <div className="stack">
      <div className="card stack">
        <div className="row between">
          <div className="row">
            <StatusBadge status={info.status} />
            <span className="muted">
              {info.trigger} · started {formatServerTime(info.startTime)} · ended {formatServerTime(info.endTime)}
            </span>
          </div>
          <div className="row">
            {live ? (
              <DeleteAction
                what="run"
                verb="Cancel"
                text="Cancel run"
                title="Cancel this run?"
                description="Artifacts already copied stay copied; the rest are not copied."
                run={() => cancel.mutateAsync(id)}
                variant="danger"
                size="md"
                disabledReason={maintain.reason}
              />
            ) : null}
            {info.status === 'FAILED' ? (
              <Button
                variant="primary"
                disabled={retry.isPending}
                disabledReason={maintain.reason}
                onClick={() =>
                  retry.mutate(id, {
                    onSuccess: (queued) => {
                      toast('Failed artifacts queued to retry');
                      if (queued?.id) router.push(`/runs/${encodeURIComponent(queued.id)}`);
                    },
                    onError: (error) => toast(error.message, 'error'),
                  })
                }
              >
                Retry failed
              </Button>
            ) : null}
          </div>
        </div>
        {info.errorReason ? <div className="notice">{info.errorReason}</div> : null}
        <RunProgress progress={info.progress} active={live} currentArtifact={currentArtifact} />
      </div>
      <ArtifactTable executionId={id} live={live} />
    </div>
  );
}
