import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { artifactEvents } from '../db/schema';
import { formatLocalDateTime } from '../time/local-time';
import type { ArtifactEventInfo, ListEventsQuery } from './schemas';

/** Outbox rows after `afterId`, in commit-id order: a reader resumes from the last id it handled. */
export async function listArtifactEvents(db: Db, query: ListEventsQuery): Promise<ArtifactEventInfo[]> {
  const rows = await db
    .select()
    .from(artifactEvents)
    .where(gt(artifactEvents.id, query.afterId))
    .orderBy(asc(artifactEvents.id))
    .limit(query.limit);
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    projectId: row.projectName,
    repoName: row.repoName,
    path: row.path,
    version: row.version,
    digest: row.digest,
    size: row.size,
    actor: row.actor,
    createdDate: formatLocalDateTime(row.createdAt),
  }));
}
