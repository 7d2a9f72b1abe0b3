import { and, asc, desc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { findOne } from '../db/find-one';
import { genericNodes } from '../db/schema';
import { type ArtifactLocation, ancestorsOf, childPrefixOf } from './artifact-path';
import type { NodeSortProperty } from './schemas';

export type FileNodeRow = typeof genericNodes.$inferSelect;

/** A folder exists while a file lies under it; its dates span those files. */
export type FolderSummary = {
  fullPath: string;
  createdAt: Date;
  createdBy: string;
  lastModifiedAt: Date;
  lastModifiedBy: string;
};

const inRepository = (location: Pick<ArtifactLocation, 'projectName' | 'repoName'>) =>
  and(eq(genericNodes.projectName, location.projectName), eq(genericNodes.repoName, location.repoName));

/** Strictly under a folder; starts_with, not LIKE, so '%' and '_' in names stay literal. */
const under = (folderPath: string) => sql`starts_with(${genericNodes.fullPath}, ${childPrefixOf(folderPath)})`;

export async function findFileNode(db: Db, location: ArtifactLocation): Promise<FileNodeRow | undefined> {
  return findOne(db, genericNodes, and(inRepository(location), eq(genericNodes.fullPath, location.path)));
}

/** The file at `path`, or every file under the folder `path`, by path: what replicating that path copies. */
export async function listFilesUnder(db: Db, location: ArtifactLocation): Promise<FileNodeRow[]> {
  const file = location.path === '/' ? undefined : await findFileNode(db, location);
  if (file) return [file];
  return db
    .select()
    .from(genericNodes)
    .where(and(inRepository(location), under(location.path)))
    .orderBy(sql`${genericNodes.fullPath} collate "C"`);
}

/** Removes the file at `path` or every file under the folder `path`; returns what was removed. */
export async function deleteFilesAt(db: Db, location: ArtifactLocation): Promise<FileNodeRow[]> {
  return db
    .delete(genericNodes)
    .where(and(inRepository(location), or(eq(genericNodes.fullPath, location.path), under(location.path))))
    .returning();
}

/** Which of these paths are files (to refuse a file under a file). */
/** What stands on an upload's path: a file among its folders, files beneath it (a folder), a file at it. */
export type PathOccupancy = { fileAncestor: string | null; isFolder: boolean; isFile: boolean };

/** One round trip for the three checks an upload makes (twice: before the body and in its transaction). */
export async function findPathOccupancy(db: Db, location: ArtifactLocation): Promise<PathOccupancy> {
  const ancestors = ancestorsOf(location.path);
  const fileAncestor = ancestors.length
    ? sql`(select ${genericNodes.fullPath} from ${genericNodes} where ${and(inRepository(location), inArray(genericNodes.fullPath, ancestors))}
        order by length(${genericNodes.fullPath}) limit 1)`
    : sql`null`;
  const [row] = await db
    .select({
      fileAncestor: sql<string | null>`${fileAncestor}`,
      isFolder: sql<boolean>`exists(select 1 from ${genericNodes} where ${and(inRepository(location), under(location.path))})`,
      isFile: sql<boolean>`exists(select 1 from ${genericNodes} where ${and(inRepository(location), eq(genericNodes.fullPath, location.path))})`,
    })
    .from(sql`(select 1) as one`);
  return { fileAncestor: row?.fileAncestor ?? null, isFolder: !!row?.isFolder, isFile: !!row?.isFile };
}

export async function summarizeFolder(db: Db, location: ArtifactLocation): Promise<FolderSummary | undefined> {
  const [row] = await db
    .select({
      files: sql<number>`count(*)::int`,
      createdAt: sql<Date>`min(${genericNodes.createdAt})`.mapWith(genericNodes.createdAt),
      lastModifiedAt: sql<Date>`max(${genericNodes.lastModifiedAt})`.mapWith(genericNodes.lastModifiedAt),
      createdBy: sql<string>`(array_agg(${genericNodes.createdBy} order by ${genericNodes.createdAt}))[1]`,
      lastModifiedBy: sql<string>`(array_agg(${genericNodes.lastModifiedBy} order by ${genericNodes.lastModifiedAt} desc))[1]`,
    })
    .from(genericNodes)
    .where(and(inRepository(location), under(location.path)));
  if (!row || row.files === 0) return undefined;
  return { fullPath: location.path, ...row };
}

/** The direct subfolders of a folder, each summarised over the files beneath it. */
export async function listChildFolders(db: Db, location: ArtifactLocation): Promise<FolderSummary[]> {
  const prefix = childPrefixOf(location.path);
  // Inlined (a number) so GROUP BY repeats the select expression exactly; a bind parameter would not match.
  const name = sql<string>`split_part(substr(${genericNodes.fullPath}, ${sql.raw(String(prefix.length + 1))}), '/', 1)`;
  const rows = await db
    .select({
      name,
      createdAt: sql<Date>`min(${genericNodes.createdAt})`.mapWith(genericNodes.createdAt),
      lastModifiedAt: sql<Date>`max(${genericNodes.lastModifiedAt})`.mapWith(genericNodes.lastModifiedAt),
      createdBy: sql<string>`(array_agg(${genericNodes.createdBy} order by ${genericNodes.createdAt}))[1]`,
      lastModifiedBy: sql<string>`(array_agg(${genericNodes.lastModifiedBy} order by ${genericNodes.lastModifiedAt} desc))[1]`,
    })
    .from(genericNodes)
    .where(and(inRepository(location), under(location.path), ne(genericNodes.parentPath, location.path)))
    .groupBy(name);
  return rows.map(({ name: folderName, ...rest }) => ({ fullPath: `${prefix}${folderName}`, ...rest }));
}

export async function countChildFiles(db: Db, location: ArtifactLocation): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(genericNodes)
    .where(and(inRepository(location), eq(genericNodes.parentPath, location.path)));
  return row?.n ?? 0;
}

const fileSortColumn: Record<NodeSortProperty, SQL> = {
  // Byte order ("C"), the same on PostgreSQL and PGlite whatever the database locale.
  name: sql`${genericNodes.name} collate "C"`,
  size: sql`${genericNodes.size}`,
  lastModifiedDate: sql`${genericNodes.lastModifiedAt}`,
};

export async function pageChildFiles(
  db: Db,
  location: ArtifactLocation,
  page: { sortProperty: NodeSortProperty; direction: 'ASC' | 'DESC'; offset: number; limit: number },
): Promise<FileNodeRow[]> {
  if (page.limit <= 0) return [];
  const order = page.direction === 'ASC' ? asc : desc;
  return db
    .select()
    .from(genericNodes)
    .where(and(inRepository(location), eq(genericNodes.parentPath, location.path)))
    .orderBy(order(fileSortColumn[page.sortProperty]), order(sql`${genericNodes.name} collate "C"`))
    .offset(page.offset)
    .limit(page.limit);
}
