import type { z } from 'zod';
import { inProject } from '../access/rules';
import type { AuditAction } from '../audit/schemas';
import type { Database } from '../db/client';
import { type RepoChange, repoChange } from '../distribution/repo-change';
import { apiRoute, type RouteHandler } from './route';
import type { RouteParamsOf } from './route-params';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A MAINTAINER's audited change to the configs or tasks of the repository `{projectId}/{repoName}`
 * names: the operation gets the change (who, when, audit row) and answers `data: null`.
 */
export function repoChangeRoute<Path extends string, BodySchema extends z.ZodType | undefined = undefined>(
  options: { path: Path; audit: AuditAction; body?: BodySchema },
  operation: (db: Database, change: RepoChange, request: { params: RouteParamsOf<Path>; body: Out<BodySchema> }) => Promise<unknown>,
): RouteHandler {
  return apiRoute({ ...options, access: inProject('MAINTAINER') }, async ({ db, params, body, principal, audit }) => {
    const repo = params as RouteParamsOf<Path> & { projectId: string; repoName: string };
    await operation(db, repoChange(repo, principal, audit), { params, body });
    return null;
  });
}
