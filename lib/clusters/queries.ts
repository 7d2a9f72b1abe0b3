import { and, asc, eq, ilike, type SQL } from 'drizzle-orm';
import { isAdministrator } from '../access/project-access';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { clusterNodes } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { formatLocalDateTime } from '../time/local-time';
import type { ClusterInfo, ClusterSummary, clusterTypes } from './schemas';

export type ClusterRow = typeof clusterNodes.$inferSelect;

async function findClusterById(db: Db, id: string): Promise<ClusterRow | undefined> {
  const [row] = await db.select().from(clusterNodes).where(eq(clusterNodes.id, id)).limit(1);
  return row;
}

export async function findClusterByName(db: Db, name: string): Promise<ClusterRow | undefined> {
  const [row] = await db.select().from(clusterNodes).where(eq(clusterNodes.name, name)).limit(1);
  return row;
}

export async function getClusterOrThrow(db: Db, by: { id?: string; name?: string }, field = 'id'): Promise<ClusterRow> {
  const row = by.id ? await findClusterById(db, by.id) : by.name ? await findClusterByName(db, by.name) : undefined;
  if (!row) {
    throw new AppError(ErrorCode.CLUSTER_NODE_NOT_FOUND, `Parameter [${field}]: cluster node [${by.id ?? by.name}] not found`, field);
  }
  return row;
}

export async function listClusterRows(db: Db, filter: { name?: string; type?: (typeof clusterTypes)[number] }): Promise<ClusterRow[]> {
  const conditions: SQL[] = [];
  if (filter.name) conditions.push(ilike(clusterNodes.name, `%${escapeLike(filter.name)}%`));
  if (filter.type) conditions.push(eq(clusterNodes.type, filter.type));
  return db
    .select()
    .from(clusterNodes)
    .where(and(...conditions))
    .orderBy(asc(clusterNodes.name));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function toClusterInfo(row: ClusterRow): ClusterInfo {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    username: row.username,
    password: null,
    certificate: row.certificate,
    type: row.type,
    status: row.status,
    errorReason: row.errorReason,
    lastCheckedDate: formatLocalDateTime(row.lastCheckedAt),
    createdBy: row.createdBy,
    createdDate: formatLocalDateTime(row.createdAt),
    lastModifiedBy: row.lastModifiedBy,
    lastModifiedDate: formatLocalDateTime(row.lastModifiedAt),
  };
}

/** Administrators get the full record; everyone else names, ids, type, status and the URL without user-info. */
export function presentClusterFor(caller: Principal, row: ClusterRow): ClusterInfo | ClusterSummary {
  if (isAdministrator(caller)) return toClusterInfo(row);
  return { id: row.id, name: row.name, url: withoutUserInfo(row.url), type: row.type, status: row.status };
}

function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}
