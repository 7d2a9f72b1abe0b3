import type { z } from 'zod';
import { inProject } from '../access/rules';
import type { AuditTrail } from '../audit/audit-trail';
import type { Database } from '../db/client';
import type { ImageRef } from '../oci/queries';
import { apiRoute, type RouteHandler } from './route';

/**
 * A DELETE of (tags of) the image `?packageKey=` in the DOCKER repository `{projectId}/{repoName}`:
 * a MAINTAINER's call, audited as image.delete.
 */
export function imageDeleteRoute<Path extends string, QuerySchema extends z.ZodType<{ packageKey: string }>>(
  path: Path,
  query: QuerySchema,
  remove: (db: Database, image: ImageRef, query: z.output<QuerySchema>, actor: string, audit: AuditTrail) => Promise<unknown>,
): RouteHandler {
  return apiRoute({ path, access: inProject('MAINTAINER'), audit: 'image.delete', query }, ({ db, params, query, principal, audit }) => {
    const repo = params as { projectId: string; repoName: string };
    const parsed = query as z.output<QuerySchema>;
    const image = { projectName: repo.projectId, repoName: repo.repoName, image: parsed.packageKey };
    return remove(db, image, parsed, principal.username, audit);
  });
}
