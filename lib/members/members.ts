import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../db/client';
import { projectMembers, users } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { getProjectOrThrow } from '../projects/queries';
import { getUserOrThrow } from '../users/queries';
import type { MemberInfo, setMemberSchema } from './schemas';

export async function listMembers(db: Db, projectName: string): Promise<MemberInfo[]> {
  await getProjectOrThrow(db, projectName);
  return db
    .select({ userId: users.username, name: users.name, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectName, projectName))
    .orderBy(asc(users.username));
}

/** Adds a user to a project with a role, or changes its role. */
export async function setMember(
  db: Db,
  options: { projectName: string; input: z.output<typeof setMemberSchema>; audit?: AuditTrail; now: Date },
): Promise<MemberInfo> {
  const { projectName, input } = options;
  return db.transaction(async (tx) => {
    await getProjectOrThrow(tx, projectName);
    const user = await getUserOrThrow(tx, input.userId);
    const [before] = await tx
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectName, projectName), eq(projectMembers.userId, user.id)));
    await tx
      .insert(projectMembers)
      .values({ projectName, userId: user.id, role: input.role, createdAt: options.now })
      .onConflictDoUpdate({ target: [projectMembers.projectName, projectMembers.userId], set: { role: input.role } });
    await options.audit?.record(tx, {
      resource: `project/${projectName}/member/${user.username}`,
      detail: { userId: user.username, role: { old: before?.role ?? null, new: input.role } },
    });
    return { userId: user.username, name: user.name, role: input.role };
  });
}

export async function removeMember(db: Db, options: { projectName: string; username: string; audit?: AuditTrail }): Promise<void> {
  await db.transaction(async (tx) => {
    await getProjectOrThrow(tx, options.projectName);
    const user = await getUserOrThrow(tx, options.username);
    const removed = await tx
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectName, options.projectName), eq(projectMembers.userId, user.id)))
      .returning({ role: projectMembers.role });
    if (removed.length === 0) {
      throw new AppError(
        ErrorCode.RESOURCE_NOT_FOUND,
        `User [${user.username}] is not a member of project [${options.projectName}]`,
        'userId',
      );
    }
    await options.audit?.record(tx, {
      resource: `project/${options.projectName}/member/${user.username}`,
      detail: { userId: user.username, role: { old: removed[0]?.role ?? null, new: null } },
    });
  });
}
