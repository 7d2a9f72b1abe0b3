import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditTrail } from '../audit/audit-trail';
import { clearAuthenticationCache } from '../auth/authenticate';
import { hashPassword } from '../auth/passwords';
import { endUserSessions } from '../auth/sessions';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { assertNotLastAdmin, getUserOrThrow, toUserInfo } from './queries';
import type { UserInfo, updateUserSchema } from './schemas';

/**
 * Changes what the body sends. Demoting or locking the last unlocked administrator is refused;
 * locking or a new password ends the user's sessions (tokens of a locked user stop by themselves).
 */
export async function updateUser(
  db: Db,
  options: { username: string; input: z.output<typeof updateUserSchema>; audit?: AuditTrail },
): Promise<UserInfo> {
  const { input } = options;
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const updated = await db.transaction(async (tx) => {
    const user = await getUserOrThrow(tx, options.username);
    if (input.admin === false) await assertNotLastAdmin(tx, user, 'demoted');
    if (input.locked === true) await assertNotLastAdmin(tx, user, 'locked');
    const values = Object.fromEntries(
      Object.entries({ name: input.name, admin: input.admin, locked: input.locked, passwordHash }).filter(([, v]) => v !== undefined),
    );
    const [row] = Object.keys(values).length > 0 ? await tx.update(users).set(values).where(eq(users.id, user.id)).returning() : [user];
    if (!row) throw new Error('update returned no row');
    if (input.locked === true || passwordHash !== undefined) await endUserSessions(tx, user.id);
    const changes: Record<string, unknown> = {};
    for (const field of ['name', 'admin', 'locked'] as const) {
      if (input[field] !== undefined && input[field] !== user[field]) changes[field] = { old: user[field], new: row[field] };
    }
    if (passwordHash !== undefined) changes.password = 'changed';
    await options.audit?.record(tx, { resource: `user/${user.username}`, detail: { changes } });
    return row;
  });
  clearAuthenticationCache();
  return toUserInfo(updated);
}
