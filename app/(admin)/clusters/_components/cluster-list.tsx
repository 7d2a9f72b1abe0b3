'use client';
import { StatusBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { toast } from '@/components/ui/toast';
import { useClusters, useDeleteCluster, useTryConnect } from '@/lib/clusters/hooks';
import { formatServerTime } from '@/lib/format/format';
import { ClusterDialog } from './cluster-dialog';

export function ClusterList() {
  const clusters = useClusters();
  const remove = useDeleteCluster();
  const tryConnect = useTryConnect();
  if (clusters.isPending) return <TableSkeleton label="Loading clusters" />;
  if (clusters.isError) return <ErrorState error={clusters.error} onRetry={() => clusters.refetch()} />;
  if (clusters.data.length === 0) {
    return (
      <EmptyState title="No clusters registered" action={<ClusterDialog />}>
        Register another Ferry server to distribute this server&apos;s repositories to it.
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Clusters</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">URL</th>
            <th scope="col">Type</th>
            <th scope="col">Health</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {clusters.data.map((cluster) => (
            <tr key={cluster.id} data-testid={`cluster-row-${cluster.name}`}>
              <td>{cluster.name}</td>
              <td className="mono">{cluster.url}</td>
              <td>{cluster.type}</td>
              <td>
                <span data-testid="cluster-health">
                  {cluster.status ? <StatusBadge status={cluster.status} /> : <span className="badge">not checked</span>}
                </span>
                {cluster.errorReason ? <div className="text-xs text-danger">{cluster.errorReason}</div> : null}
                {cluster.lastCheckedDate ? <div className="muted text-xs">checked {formatServerTime(cluster.lastCheckedDate)}</div> : null}
              </td>
              <td>
                <div className="row actions">
                  <Button
                    size="sm"
                    disabled={tryConnect.isPending && tryConnect.variables === cluster.name}
                    onClick={() =>
                      tryConnect.mutate(cluster.name, {
                        onSuccess: () => toast(`${cluster.name} is HEALTHY`),
                        onError: (error) => toast(error.message, 'error'),
                      })
                    }
                  >
                    {tryConnect.isPending && tryConnect.variables === cluster.name ? 'Testing…' : 'Test connection'}
                  </Button>
                  <ClusterDialog cluster={cluster} />
                  <ConfirmDialog
                    trigger={
                      <Button size="sm" variant="ghost" aria-label={`Delete cluster ${cluster.name}`}>
                        Delete
                      </Button>
                    }
                    title={`Delete cluster ${cluster.name}?`}
                    description="Configs that still target it must be deleted or changed first."
                    confirmLabel="Delete cluster"
                    onConfirm={() =>
                      remove.mutateAsync(cluster.id).then(
                        () => toast(`Cluster ${cluster.name} deleted`),
                        (error: Error) => toast(error.message, 'error'),
                      )
                    }
                  />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
