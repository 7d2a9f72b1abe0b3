import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { findOne } from '../db/find-one';
import { projects, repositories } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { formatLocalDateTime } from '../time/local-time';
import type { ProjectInfo, RepositoryInfo } from './schemas';

export type ProjectRow = typeof projects.$inferSelect;
export type RepositoryRow = typeof repositories.$inferSelect;

async function findProject(db: Db, name: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.name, name)).limit(1);
  return row;
}

export async function getProjectOrThrow(db: Db, name: string): Promise<ProjectRow> {
  const row = await findProject(db, name);
  if (!row) throw new AppError(ErrorCode.RESOURCE_NOT_FOUND, `Project [${name}] not found`, 'projectId');
  return row;
}

/** Projects by name; `only` narrows them to a caller's visible projects (null = all). */
export async function listProjectRows(db: Db, only: string[] | null = null): Promise<ProjectRow[]> {
  if (only !== null && only.length === 0) return [];
  return db
    .select()
    .from(projects)
    .where(only === null ? undefined : inArray(projects.name, only))
    .orderBy(asc(projects.name));
}

export async function findRepository(db: Db, projectName: string, name: string): Promise<RepositoryRow | undefined> {
  return findOne(db, repositories, and(eq(repositories.projectName, projectName), eq(repositories.name, name)));
}

export async function getRepositoryOrThrow(db: Db, projectName: string, name: string): Promise<RepositoryRow> {
  const row = await findRepository(db, projectName, name);
  if (!row) throw new AppError(ErrorCode.REPOSITORY_NOT_FOUND, `Repository [${projectName}/${name}] not found`, 'repoName');
  return row;
}

export async function listRepositoryRows(db: Db, projectName: string): Promise<RepositoryRow[]> {
  return db.select().from(repositories).where(eq(repositories.projectName, projectName)).orderBy(asc(repositories.name));
}

export function toProjectInfo(row: ProjectRow): ProjectInfo {
  return {
    name: row.name,
    displayName: row.displayName,
    description: row.description,
    createdBy: row.createdBy,
    createdDate: formatLocalDateTime(row.createdAt),
    lastModifiedBy: row.lastModifiedBy,
    lastModifiedDate: formatLocalDateTime(row.lastModifiedAt),
  };
}

export function toRepositoryInfo(row: RepositoryRow): RepositoryInfo {
  return {
    projectId: row.projectName,
    name: row.name,
    type: row.type,
    category: row.category,
    public: row.public,
    description: row.description,
    createdBy: row.createdBy,
    createdDate: formatLocalDateTime(row.createdAt),
    lastModifiedBy: row.lastModifiedBy,
    lastModifiedDate: formatLocalDateTime(row.lastModifiedAt),
  };
}
