import { PageHeader } from '../_components/page-header';
import { ChangePasswordForm } from './_components/change-password-form';
import { MyRoles } from './_components/my-roles';

export const metadata = { title: 'Account · Ferry' };

export default function AccountPage() {
  return (
    <>
      <PageHeader title="Account" description="Your password and what you may do. API tokens for scripts are on the API tokens page." />
      <div className="stack">
        <MyRoles />
        <ChangePasswordForm />
      </div>
    </>
  );
}
