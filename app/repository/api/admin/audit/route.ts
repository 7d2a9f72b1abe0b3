import { signedIn } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listAuditForCaller } from '@/lib/audit/list-audit';
import { auditQuerySchema } from '@/lib/audit/schemas';

// GET /repository/api/admin/audit?projectId=&userId=&action=&outcome=&after=&before=&afterId=&limit=: newest first.
// Administrators see everything; a project admin passes the projectId it administers.
export const GET = apiRoute(
  { path: '/repository/api/admin/audit', access: signedIn, query: auditQuerySchema },
  ({ db, principal, query }) => listAuditForCaller(db, principal, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
