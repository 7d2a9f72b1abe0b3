import { eq } from 'drizzle-orm';
import type { AuditTrail } from '../audit/audit-trail';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { assertNotLastAdmin, getUserOrThrow } from './queries';

/** Deletes a user with its tokens, sessions and memberships; not oneself, not the last unlocked administrator. */
export async function deleteUser(db: Db, options: { username: string; caller: Principal; audit?: AuditTrail }): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await getUserOrThrow(tx, options.username);
    if (user.id === options.caller.userId) throw new AppError(ErrorCode.REQUEST_DENIED, 'You cannot delete yourself', 'userId');
    await assertNotLastAdmin(tx, user, 'deleted');
    await tx.delete(users).where(eq(users.id, user.id));
    await options.audit?.record(tx, { resource: `user/${user.username}`, detail: { userId: user.username, admin: user.admin } });
  });
}
