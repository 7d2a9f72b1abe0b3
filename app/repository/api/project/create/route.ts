import { apiRoute } from '@/lib/http/route';
import { createProject } from '@/lib/projects/create-project';
import { createProjectSchema } from '@/lib/projects/schemas';

// POST /repository/api/project/create
export const POST = apiRoute({ body: createProjectSchema }, ({ db, body, principal }) => createProject(db, body, principal.username));
