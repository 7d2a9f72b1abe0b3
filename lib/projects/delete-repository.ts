import { and, eq } from 'drizzle-orm';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../db/client';
import { repositories } from '../db/schema';
import { activeTaskNamesInRepository } from '../executions/queries';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { getRepositoryOrThrow } from './queries';

/** Deletes a repository with its configs and tasks; refused while one of them is queued or running. */
export async function deleteRepository(db: Db, projectName: string, name: string, audit?: AuditTrail): Promise<void> {
  await db.transaction(async (tx) => {
    await getRepositoryOrThrow(tx, projectName, name);
    const active = await activeTaskNamesInRepository(tx, projectName, name);
    if (active.length > 0) {
      const names = active.join(', ');
      throw new AppError(
        ErrorCode.TASK_STATUS_INVALID,
        `Repository [${projectName}/${name}] has running distribution tasks (${names}); wait for them or cancel them first`,
      );
    }
    await tx.delete(repositories).where(and(eq(repositories.projectName, projectName), eq(repositories.name, name)));
    await audit?.record(tx, { resource: `repo/${projectName}/${name}` });
  });
}
