import type { z } from 'zod';
import type { Db } from '../db/client';
import { projects } from '../db/schema';
import { AppError, insertedRow } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { toProjectInfo } from './queries';
import type { createProjectSchema, ProjectInfo } from './schemas';

export async function createProject(db: Db, input: z.output<typeof createProjectSchema>, actor: string): Promise<ProjectInfo> {
  const row = await insertedRow(
    db
      .insert(projects)
      .values({
        id: newRecordId(),
        name: input.name,
        displayName: input.displayName || input.name,
        description: input.description,
        createdBy: actor,
        lastModifiedBy: actor,
      })
      .returning(),
    () => new AppError(ErrorCode.RESOURCE_EXISTED, `Project [${input.name}] already exists`, 'name'),
  );
  return toProjectInfo(row);
}
