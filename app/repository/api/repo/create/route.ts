import { inProject } from '@/lib/access/rules';
import { otherMethods } from '@/lib/api/other-methods';
import { apiRoute } from '@/lib/api/route';
import { createRepository } from '@/lib/projects/create-repository';
import { createRepositorySchema } from '@/lib/projects/schemas';

// POST /repository/api/repo/create
export const POST = apiRoute(
  {
    path: '/repository/api/repo/create',
    access: inProject('PROJECT_ADMIN', { locate: ({ body }) => ({ projectName: (body as { projectId: string }).projectId }) }),
    audit: 'repo.create',
    body: createRepositorySchema,
  },
  ({ db, body, principal }) => createRepository(db, body, principal.username),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
