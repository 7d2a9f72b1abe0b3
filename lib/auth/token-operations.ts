import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { resolveProjectRights } from '../access/project-access';
import { AccessRefusal } from '../access/refusal';
import type { Db } from '../db/client';
import { apiTokens } from '../db/schema';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { formatLocalDateTime } from '../time/local-time';
import { generateApiToken } from './api-tokens';
import type { Principal } from './authenticate';
import type { ApiTokenInfo, createApiTokenSchema } from './schemas';

type TokenRow = typeof apiTokens.$inferSelect;

function toTokenInfo(row: TokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    tokenPrefix: row.tokenPrefix,
    createdDate: formatLocalDateTime(row.createdAt),
    expiredDate: formatLocalDateTime(row.expiresAt),
    lastUsedDate: formatLocalDateTime(row.lastUsedAt),
    projectId: row.projectName,
    access: row.access,
  };
}

/**
 * The token itself is in this response only; afterwards only its hash exists. Its scope must be
 * one the caller holds: a project it can see, and no more than a token caller's own access.
 */
export async function createApiToken(
  db: Db,
  caller: Principal,
  input: z.output<typeof createApiTokenSchema>,
  now: Date,
): Promise<ApiTokenInfo & { token: string }> {
  const userId = caller.userId;
  if (input.expiresAt && input.expiresAt <= now) throw AppError.invalid('expiresAt', 'must be in the future');
  const scope = caller.token;
  if (input.projectId !== null) {
    const { rank } = await resolveProjectRights(db, caller, input.projectId);
    if (rank === null) throw new AppError(ErrorCode.RESOURCE_NOT_FOUND, `Project [${input.projectId}] not found`, 'projectId');
  } else if (scope?.projectName) {
    throw AccessRefusal.forbidden(`token [${scope.name}] is scoped to project [${scope.projectName}]; it cannot create an unscoped token`);
  }
  if (scope?.access === 'READ' && input.access === 'WRITE') throw AccessRefusal.forbidden(`token [${scope.name}] is READ; WRITE is needed`);
  const { token, tokenHash, tokenPrefix } = generateApiToken();
  try {
    const [row] = await db
      .insert(apiTokens)
      .values({
        id: newRecordId(),
        userId,
        name: input.name,
        tokenHash,
        tokenPrefix,
        expiresAt: input.expiresAt ?? null,
        createdAt: now,
        projectName: input.projectId,
        access: input.access,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return { ...toTokenInfo(row), token };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(ErrorCode.RESOURCE_EXISTED, `API token [${input.name}] already exists`, 'name');
    throw error;
  }
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt));
  return rows.map(toTokenInfo);
}

export async function revokeApiToken(db: Db, userId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw new AppError(ErrorCode.RESOURCE_NOT_FOUND, `API token [${id}] not found`, 'id');
}
