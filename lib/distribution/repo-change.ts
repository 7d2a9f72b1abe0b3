/** What a change to a repository's configs or tasks records: which repository, who made it, and when. */
export type RepoChange = { projectName: string; repoName: string; actor: string; now: Date };

/** The change a distribution route asks for: bk-repo's path names its repository `{projectId}/{repoName}`. */
export function repoChange(params: { projectId: string; repoName: string }, principal: { username: string }, now = new Date()): RepoChange {
  return { projectName: params.projectId, repoName: params.repoName, actor: principal.username, now };
}
