import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks, repositories } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { getRepositoryOrThrow } from './queries';

/** Deletes a repository with its configs and tasks; refused while one of them is queued or running. */
export async function deleteRepository(db: Db, projectName: string, name: string): Promise<void> {
  await db.transaction(async (tx) => {
    await getRepositoryOrThrow(tx, projectName, name);
    const active = await tx
      .select({ name: replicaTasks.name })
      .from(replicaTasks)
      .innerJoin(executions, eq(executions.taskKey, replicaTasks.taskKey))
      .where(
        and(eq(replicaTasks.projectName, projectName), eq(replicaTasks.repoName, name), inArray(executions.status, ['QUEUED', 'RUNNING'])),
      );
    if (active.length > 0) {
      const names = [...new Set(active.map((a) => a.name))].join(', ');
      throw new AppError(
        ErrorCode.TASK_STATUS_INVALID,
        `Repository [${projectName}/${name}] has running distribution tasks (${names}); wait for them or cancel them first`,
      );
    }
    await tx.delete(repositories).where(and(eq(repositories.projectName, projectName), eq(repositories.name, name)));
  });
}
