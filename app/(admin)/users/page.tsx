import { PageHeader } from '../_components/page-header';
import { RequireRights } from '../_components/require-rights';
import { CreateUserDialog } from './_components/create-user-dialog';
import { UserList } from './_components/user-list';

export const metadata = { title: 'Users · Ferry' };

export default function UsersPage() {
  return (
    <RequireRights projectId={null} needed="ADMIN">
      <PageHeader
        title="Users"
        description="Who may sign in. Administrators may do everything; everyone else gets rights through project roles (a project's Members tab)."
        actions={<CreateUserDialog />}
      />
      <UserList />
    </RequireRights>
  );
}
