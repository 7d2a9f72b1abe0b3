import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { projectMembers } from '../db/schema';
import type { Principal } from './principal';
import { AccessRefusal, notFoundFor } from './refusal';
import { lowerRank, type ProjectRole, type Rank, rankAtLeast } from './roles';

export type ProjectTarget = { projectName: string; repoName?: string };

export type ProjectRights = {
  /** What the caller may do here now: null = the project does not exist for them. */
  rank: Rank | null;
  /** The owner's own rank (before a token narrows it). */
  ownerRank: Rank | null;
};

async function memberRole(db: Db, userId: string, projectName: string): Promise<ProjectRole | null> {
  const [row] = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectName, projectName), eq(projectMembers.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

/** The caller's rights on a project: administrator, else member role; a token caps them by its scope. */
export async function resolveProjectRights(db: Db, caller: Principal, projectName: string): Promise<ProjectRights> {
  const ownerRank: Rank | null = caller.admin ? 'ADMIN' : await memberRole(db, caller.userId, projectName);
  const token = caller.token;
  if (!token || ownerRank === null) return { rank: ownerRank, ownerRank };
  if (token.projectName !== null && token.projectName !== projectName) return { rank: null, ownerRank };
  return { rank: token.access === 'READ' ? lowerRank(ownerRank, 'VIEWER') : ownerRank, ownerRank };
}

/**
 * Throws unless the caller holds `needed` on the project: non-members get the not-found answer
 * of the project or repository (names do not leak), members lacking the role a 403 naming it.
 * `management` (members): token callers need an administrator's unscoped WRITE token.
 */
export async function requireProjectRole(
  db: Db,
  caller: Principal,
  target: ProjectTarget,
  needed: ProjectRole,
  options: { management?: boolean } = {},
): Promise<Rank> {
  const { rank, ownerRank } = await resolveProjectRights(db, caller, target.projectName);
  if (rank === null) throw notFoundFor(target);
  if (options.management && caller.token && !(caller.admin && isUnscopedWrite(caller))) {
    throw AccessRefusal.forbidden(`token [${caller.token.name}] cannot manage members; an administrator's unscoped WRITE token is needed`);
  }
  if (rankAtLeast(rank, needed)) return rank;
  if (caller.token && rankAtLeast(ownerRank, needed)) {
    throw AccessRefusal.forbidden(`token [${caller.token.name}] is READ; WRITE is needed`);
  }
  // The owner's own role: a READ token that lowered it was answered above when the owner had enough.
  throw AccessRefusal.forbidden(`user [${caller.username}] is ${ownerRank} on project [${target.projectName}]; ${needed} is needed`);
}

function isUnscopedWrite(caller: Principal): boolean {
  return !caller.token || (caller.token.projectName === null && caller.token.access === 'WRITE');
}

/** Administrators with full reach: a project-scoped token of an administrator is not one. */
export function isAdministrator(caller: Principal | null): boolean {
  return !!caller?.admin && (caller.token === null || caller.token.projectName === null);
}

/** Throws 403 unless the caller is an administrator (and, for changes, not through a READ token). */
export function requireAdmin(caller: Principal, options: { write: boolean }): void {
  if (!caller.admin) throw AccessRefusal.forbidden(`user [${caller.username}] is not an administrator`);
  const token = caller.token;
  if (!token) return;
  if (token.projectName !== null) {
    throw AccessRefusal.forbidden(`token [${token.name}] is scoped to project [${token.projectName}]; an unscoped token is needed`);
  }
  if (options.write && token.access === 'READ') throw AccessRefusal.forbidden(`token [${token.name}] is READ; WRITE is needed`);
}

/** Projects the caller sees in lists: null = all of them. */
export async function visibleProjectNames(db: Db, caller: Principal): Promise<string[] | null> {
  const scoped = caller.token?.projectName ?? null;
  if (caller.admin) return scoped === null ? null : [scoped];
  const rows = await db.select({ name: projectMembers.projectName }).from(projectMembers).where(eq(projectMembers.userId, caller.userId));
  const names = rows.map((row) => row.name);
  return scoped === null ? names : names.filter((name) => name === scoped);
}
