import type { z } from 'zod';
import type { Db } from '../db/client';
import { repositories } from '../db/schema';
import { AppError, insertedRow } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { getProjectOrThrow, toRepositoryInfo } from './queries';
import { type createRepositorySchema, OCI_PATH_COMPONENT, type RepositoryInfo } from './schemas';

export async function createRepository(db: Db, input: z.output<typeof createRepositorySchema>, actor: string): Promise<RepositoryInfo> {
  await getProjectOrThrow(db, input.projectId);
  if (input.type === 'DOCKER') assertOciAddressable(input.projectId, input.name);
  const row = await insertedRow(
    db
      .insert(repositories)
      .values({
        id: newRecordId(),
        projectName: input.projectId,
        name: input.name,
        type: input.type,
        category: input.category,
        public: input.public,
        description: input.description,
        createdBy: actor,
        lastModifiedBy: actor,
      })
      .returning(),
    () => new AppError(ErrorCode.RESOURCE_EXISTED, `Repository [${input.projectId}/${input.name}] already exists`, 'name'),
  );
  return toRepositoryInfo(row);
}

// Image names are {project}/{repo}/{image}; the OCI spec allows only lowercase components there.
function assertOciAddressable(projectId: string, name: string): void {
  if (!OCI_PATH_COMPONENT.test(projectId)) {
    throw AppError.invalid('projectId', `DOCKER repositories need a lowercase project name usable in image names; [${projectId}] is not`);
  }
  if (!OCI_PATH_COMPONENT.test(name)) {
    throw AppError.invalid('name', 'DOCKER repository names must be lowercase letters and digits separated by ., _, __ or -');
  }
}
