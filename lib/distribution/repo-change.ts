import type { AuditTrail } from '../audit/audit-trail';

/**
 * What a change to a repository's configs or tasks records: which repository, who made it, and
 * when; `audit` gets the audit row in the change's transaction.
 */
export type RepoChange = { projectName: string; repoName: string; actor: string; now: Date; audit?: AuditTrail };

/** The change a distribution route asks for: bk-repo's path names its repository `{projectId}/{repoName}`. */
export function repoChange(
  params: { projectId: string; repoName: string },
  principal: { username: string },
  audit?: AuditTrail,
  now = new Date(),
): RepoChange {
  return { projectName: params.projectId, repoName: params.repoName, actor: principal.username, now, audit };
}
