import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { removeMember } from '@/lib/members/members';

// DELETE /repository/api/project/member/{projectId}/{userId}: remove a member (project admins).
export const DELETE = apiRoute(
  {
    path: '/repository/api/project/member/[projectId]/[userId]',
    access: inProject('PROJECT_ADMIN', { management: true }),
    audit: 'member.remove',
  },
  async ({ db, params, audit }) => {
    await removeMember(db, { projectName: params.projectId, username: params.userId, audit });
    return null;
  },
);

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
