import { adminPage } from '../_components/admin-page';
import { AuditLog } from './_components/audit-log';

const page = adminPage(
  { title: 'Audit log', description: 'Who did what, newest first: every change and every refused attempt. Secrets appear as ***.' },
  AuditLog,
);
export const metadata = page.metadata;
export default page.Page;
