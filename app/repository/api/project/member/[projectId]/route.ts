import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { listMembers, setMember } from '@/lib/members/members';
import { setMemberSchema } from '@/lib/members/schemas';

// GET /repository/api/project/member/{projectId}: the project's members by userId (any member).
export const GET = apiRoute({ path: '/repository/api/project/member/[projectId]', access: inProject('VIEWER') }, ({ db, params }) =>
  listMembers(db, params.projectId),
);

// POST /repository/api/project/member/{projectId} {userId, role}: add a member or change its role (project admins).
export const POST = apiRoute(
  {
    path: '/repository/api/project/member/[projectId]',
    access: inProject('PROJECT_ADMIN', { management: true }),
    audit: 'member.set',
    body: setMemberSchema,
  },
  ({ db, params, body, audit }) => setMember(db, { projectName: params.projectId, input: body, audit, now: new Date() }),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
