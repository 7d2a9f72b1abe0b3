'use client';
import { DeleteAction } from '@/components/ui/delete-action';
import { QueryView } from '@/components/ui/query-view';
import { Select } from '@/components/ui/select';
import { EmptyState } from '@/components/ui/states';
import { ACTIONS, ActionsCell, DataTable } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { useMembers, useRemoveMember, useSetMember } from '@/lib/members/hooks';
import { setMemberSchema } from '@/lib/members/schemas';
import { usePermission } from '@/lib/users/hooks';
import { AddMemberForm } from './add-member-form';
import { ROLE_OPTIONS } from './role-options';

const ROLE_LABEL = Object.fromEntries(ROLE_OPTIONS.map((o) => [o.value, o.label]));

/** Project admins and administrators manage the members; other members see the list only. */
export function MemberList({ projectId }: { projectId: string }) {
  const members = useMembers(projectId);
  const manage = usePermission(projectId, 'PROJECT_ADMIN');
  const setMember = useSetMember(projectId);
  const remove = useRemoveMember(projectId);
  return (
    <div className="stack">
      {manage.allowed ? <AddMemberForm projectId={projectId} /> : null}
      {manage.ready && !manage.allowed ? (
        <p className="muted flush" data-testid="members-read-only">
          Read only: {manage.reason}.
        </p>
      ) : null}
      <QueryView
        query={members}
        loading="Loading members"
        empty={<EmptyState title="No members yet">Only administrators can use this project until someone is added.</EmptyState>}
      >
        {(list) => (
          <DataTable caption={`Members of ${projectId}`} columns={['User id', 'Name', 'Role', ACTIONS]}>
            {list.map((member) => (
              <tr key={member.userId} data-testid={`member-row-${member.userId}`}>
                <td className="mono">{member.userId}</td>
                <td>{member.name || '—'}</td>
                <td>
                  {manage.allowed ? (
                    <div className="role-select">
                      <Select
                        aria-label={`Role of ${member.userId}`}
                        value={member.role}
                        disabled={setMember.isPending}
                        options={ROLE_OPTIONS}
                        onValueChange={(role) =>
                          setMember.mutate(
                            { userId: member.userId, role: setMemberSchema.shape.role.parse(role) },
                            {
                              onSuccess: () => toast(`${member.userId} is ${role} on ${projectId}`),
                              onError: (error) => toast(error.message, 'error'),
                            },
                          )
                        }
                      />
                    </div>
                  ) : (
                    ROLE_LABEL[member.role]
                  )}
                </td>
                <ActionsCell>
                  {manage.allowed ? (
                    <DeleteAction
                      what="member"
                      name={member.userId}
                      verb="Remove"
                      description={`${member.userId} loses every right on ${projectId} at once (administrators keep theirs).`}
                      run={() => remove.mutateAsync(member.userId)}
                    />
                  ) : null}
                </ActionsCell>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </div>
  );
}
