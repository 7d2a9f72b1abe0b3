import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client';
import { apiTokens } from '../db/schema';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { formatLocalDateTime } from '../time/local-time';
import { generateApiToken } from './api-tokens';
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
    // Placeholder until the teams-api branch stores scopes: every token so far is unscoped WRITE.
    projectId: null,
    access: 'WRITE',
  };
}

/** The token itself is in this response only; afterwards only its hash exists. */
export async function createApiToken(
  db: Db,
  userId: string,
  input: z.output<typeof createApiTokenSchema>,
  now: Date,
): Promise<ApiTokenInfo & { token: string }> {
  if (input.expiresAt && input.expiresAt <= now) throw AppError.invalid('expiresAt', 'must be in the future');
  const { token, tokenHash, tokenPrefix } = generateApiToken();
  try {
    const [row] = await db
      .insert(apiTokens)
      .values({ id: newRecordId(), userId, name: input.name, tokenHash, tokenPrefix, expiresAt: input.expiresAt ?? null, createdAt: now })
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
