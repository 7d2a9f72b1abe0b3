import { PageHeader } from '../_components/page-header';
import { AuditLog } from './_components/audit-log';

export const metadata = { title: 'Audit log · Ferry' };

export default function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, newest first: every change and every refused attempt. Secrets appear as ***."
      />
      <AuditLog />
    </>
  );
}
