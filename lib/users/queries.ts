import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { formatLocalDateTime } from '../time/local-time';
import type { UserInfo } from './schemas';

export type UserRow = typeof users.$inferSelect;

async function findUserByName(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

export async function getUserOrThrow(db: Db, username: string, field = 'userId'): Promise<UserRow> {
  const row = await findUserByName(db, username);
  if (!row) throw new AppError(ErrorCode.RESOURCE_NOT_FOUND, `User [${username}] not found`, field);
  return row;
}

export async function listUserRows(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.username));
}

export function toUserInfo(row: UserRow): UserInfo {
  return { userId: row.username, name: row.name, admin: row.admin, locked: row.locked, createdDate: formatLocalDateTime(row.createdAt) };
}

/**
 * Refuses a change that would leave no unlocked administrator. Locks the administrators' rows
 * first, so two concurrent demotions cannot both see the other as the remaining one.
 */
export async function assertNotLastAdmin(tx: Db, user: UserRow, what: string): Promise<void> {
  if (!user.admin || user.locked) return;
  await tx.execute(sql`select id from users where admin and not locked for update`);
  const [other] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.admin, true), eq(users.locked, false), ne(users.id, user.id)))
    .limit(1);
  if (!other) {
    throw new AppError(
      ErrorCode.REQUEST_DENIED,
      `User [${user.username}] is the last unlocked administrator and cannot be ${what}; make another user an administrator first`,
      'userId',
    );
  }
}
