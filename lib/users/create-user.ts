import type { z } from 'zod';
import type { AuditTrail } from '../audit/audit-trail';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError, isUniqueViolation } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { newRecordId } from '../ids/new-id';
import { toUserInfo } from './queries';
import type { createUserSchema, UserInfo } from './schemas';

export async function createUser(
  db: Db,
  options: { input: z.output<typeof createUserSchema>; audit?: AuditTrail; now: Date },
): Promise<UserInfo> {
  const { input } = options;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ id: newRecordId(), username: input.userId, name: input.name, admin: input.admin, passwordHash, createdAt: options.now })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await options.audit?.record(tx, { resource: `user/${row.username}`, detail: { userId: row.username, admin: row.admin } });
      return toUserInfo(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(ErrorCode.RESOURCE_EXISTED, `User [${input.userId}] already exists`, 'userId');
    throw error;
  }
}
