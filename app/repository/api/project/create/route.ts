import { adminOnly } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { createProject } from '@/lib/projects/create-project';
import { createProjectSchema } from '@/lib/projects/schemas';

// POST /repository/api/project/create
export const POST = apiRoute(
  { path: '/repository/api/project/create', access: adminOnly, audit: 'project.create', body: createProjectSchema },
  ({ db, body, principal }) => createProject(db, body, principal.username),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
