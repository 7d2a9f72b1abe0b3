import type { z } from 'zod';
import type { Db } from '../db/client';
import { projects } from '../db/schema';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { toProjectInfo } from './queries';
import type { createProjectSchema, ProjectInfo } from './schemas';

export async function createProject(db: Db, input: z.output<typeof createProjectSchema>, actor: string): Promise<ProjectInfo> {
  try {
    const [row] = await db
      .insert(projects)
      .values({
        id: newRecordId(),
        name: input.name,
        displayName: input.displayName || input.name,
        description: input.description,
        createdBy: actor,
        lastModifiedBy: actor,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return toProjectInfo(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(ErrorCode.RESOURCE_EXISTED, `Project [${input.name}] already exists`, 'name');
    }
    throw error;
  }
}
