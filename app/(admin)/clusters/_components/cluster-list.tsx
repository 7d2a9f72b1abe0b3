'use client';
import { StatusBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DeleteAction } from '@/components/ui/delete-action';
import { QueryTable } from '@/components/ui/query-table';
import { EmptyState } from '@/components/ui/states';
import { ACTIONS, ActionsCell } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { useClusters, useDeleteCluster, useTryConnect } from '@/lib/clusters/hooks';
import { formatServerTime } from '@/lib/format/format';
import { usePermission } from '@/lib/users/hooks';
import { ClusterDialog } from './cluster-dialog';

export function ClusterList() {
  const clusters = useClusters();
  const remove = useDeleteCluster();
  const tryConnect = useTryConnect();
  const allowed = usePermission(null, 'ADMIN');
  const empty = (
    <EmptyState title="No clusters registered" action={<ClusterDialog />}>
      Register another Ferry server to distribute this server&apos;s repositories to it.
    </EmptyState>
  );
  return (
    <QueryTable
      query={clusters}
      loading="Loading clusters"
      empty={empty}
      caption="Clusters"
      columns={['Name', 'URL', 'Type', 'Health', ACTIONS]}
      row={(cluster) => {
        const testing = tryConnect.isPending && tryConnect.variables === cluster.name;
        return (
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
            <ActionsCell>
              <Button
                size="sm"
                disabled={testing}
                disabledReason={allowed.reason}
                onClick={() =>
                  tryConnect.mutate(cluster.name, {
                    onSuccess: () => toast(`${cluster.name} is HEALTHY`),
                    onError: (error) => toast(error.message, 'error'),
                  })
                }
              >
                {testing ? 'Testing…' : 'Test connection'}
              </Button>
              <ClusterDialog cluster={cluster} />
              <DeleteAction
                what="cluster"
                name={cluster.name}
                description="Configs that still target it must be deleted or changed first."
                run={() => remove.mutateAsync(cluster.id)}
                disabledReason={allowed.reason}
              />
            </ActionsCell>
          </tr>
        );
      }}
    />
  );
}
