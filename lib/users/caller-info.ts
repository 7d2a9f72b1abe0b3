import { asc, eq } from 'drizzle-orm';
import type { Principal } from '../auth/authenticate';
import type { Db } from '../db/client';
import { projectMembers, users } from '../db/schema';
import type { CallerInfo } from './schemas';

/** Who the credentials belong to, with their administrator flag, project roles and token scope. */
export async function getCallerInfo(db: Db, caller: Principal): Promise<CallerInfo> {
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, caller.userId)).limit(1);
  const roles = await db
    .select({ projectId: projectMembers.projectName, role: projectMembers.role })
    .from(projectMembers)
    .where(eq(projectMembers.userId, caller.userId))
    .orderBy(asc(projectMembers.projectName));
  return {
    userId: caller.userId,
    username: caller.username,
    name: user?.name ?? '',
    admin: caller.admin,
    roles,
    token: caller.token ? { projectId: caller.token.projectName, access: caller.token.access } : null,
  };
}
