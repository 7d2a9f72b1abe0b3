import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { driftChecks, replicaTasks } from '../db/schema';

type DriftStat = { taskKey: string; missing: number; different: number; extra: number };

/** Each config's newest ended drift check (DONE or PARTIAL), read at scrape time: one row per checked config. */
export async function readDriftStats(db: Db): Promise<DriftStat[]> {
  return db
    .selectDistinctOn([driftChecks.taskId], {
      taskKey: replicaTasks.taskKey,
      missing: driftChecks.missing,
      different: driftChecks.different,
      extra: driftChecks.extra,
    })
    .from(driftChecks)
    .innerJoin(replicaTasks, and(eq(replicaTasks.id, driftChecks.taskId), eq(replicaTasks.kind, 'CONFIG')))
    .where(inArray(driftChecks.status, ['DONE', 'PARTIAL']))
    .orderBy(driftChecks.taskId, desc(driftChecks.startedAt), desc(driftChecks.id));
}
