'use client';
import { useRouter } from 'next/navigation';
import { StatusBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { QueryView } from '@/components/ui/query-view';
import { toast } from '@/components/ui/toast';
import { useCancelExecution, useCurrentArtifact, useExecution, useRetryExecution } from '@/lib/executions/hooks';
import { formatServerTime } from '@/lib/format/format';
import { RunProgress } from '../../../_components/run-progress';
import { ArtifactTable } from '../../_components/artifact-table';

export function RunDetail({ id }: { id: string }) {
  const router = useRouter();
  const run = useExecution(id);
  const cancel = useCancelExecution();
  const retry = useRetryExecution();
  const live = run.data?.status === 'QUEUED' || run.data?.status === 'RUNNING';
  const currentArtifact = useCurrentArtifact(id, live);
  return (
    <QueryView query={run} loading="Loading run" errorTitle="Could not load this run">
      {(info) => (
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
                  />
                ) : null}
                {info.status === 'FAILED' ? (
                  <Button
                    variant="primary"
                    disabled={retry.isPending}
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
      )}
    </QueryView>
  );
}
