import { apiRoute } from '@/lib/http/route';
import { createRepository } from '@/lib/projects/create-repository';
import { createRepositorySchema } from '@/lib/projects/schemas';

// POST /repository/api/repo/create
export const POST = apiRoute({ body: createRepositorySchema }, ({ db, body, principal }) => createRepository(db, body, principal.username));
