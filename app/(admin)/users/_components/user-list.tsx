'use client';
import { Badge } from '@/components/ui/badge';
import { DeleteAction } from '@/components/ui/delete-action';
import { QueryTable } from '@/components/ui/query-table';
import { ACTIONS, ActionsCell } from '@/components/ui/table';
import { formatServerTime } from '@/lib/format/format';
import { useDeleteUser, useRights, useUsers } from '@/lib/users/hooks';
import { EditUserDialog } from './edit-user-dialog';

export function UserList() {
  const users = useUsers();
  const rights = useRights();
  const remove = useDeleteUser();
  return (
    <QueryTable
      query={users}
      loading="Loading users"
      caption="Users"
      columns={['User id', 'Name', 'Role', 'Status', 'Created', ACTIONS]}
      row={(user) => (
        <tr key={user.userId} data-testid={`user-row-${user.userId}`}>
          <td className="mono">{user.userId}</td>
          <td>{user.name || '—'}</td>
          <td>{user.admin ? <Badge tone="running">administrator</Badge> : <span className="muted">project roles</span>}</td>
          <td>{user.locked ? <Badge tone="danger">locked</Badge> : <Badge tone="success">active</Badge>}</td>
          <td>{formatServerTime(user.createdDate)}</td>
          <ActionsCell>
            <EditUserDialog user={user} />
            <DeleteAction
              what="user"
              name={user.userId}
              description="Its sessions, API tokens and project roles are deleted; audit rows keep its user id."
              disabledReason={user.userId === rights.data?.username ? 'you cannot delete yourself' : undefined}
              run={() => remove.mutateAsync(user.userId)}
            />
          </ActionsCell>
        </tr>
      )}
    />
  );
}
