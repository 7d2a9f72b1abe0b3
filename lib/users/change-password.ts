import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AccessRefusal } from '../access/refusal';
import type { AuditTrail } from '../audit/audit-trail';
import { clearAuthenticationCache, type Principal } from '../auth/authenticate';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { endUserSessions } from '../auth/sessions';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../http/app-error';
import type { changePasswordSchema } from './schemas';

/** A user changes its own password (not through a token); its other sessions end, `keepSession` stays. */
export async function changeOwnPassword(
  db: Db,
  options: { caller: Principal; input: z.output<typeof changePasswordSchema>; keepSession?: string; audit?: AuditTrail },
): Promise<void> {
  const { caller, input } = options;
  if (caller.token) throw AccessRefusal.forbidden(`token [${caller.token.name}] cannot change a password; sign in with the password`);
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.oldPassword))) {
    throw AppError.invalid('oldPassword', 'does not match the current password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await endUserSessions(tx, user.id, options.keepSession);
    await options.audit?.record(tx, { resource: `user/${user.username}`, detail: { changes: { password: 'changed' } } });
  });
  clearAuthenticationCache();
}
