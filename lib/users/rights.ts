import type { CallerInfo } from './schemas';

type ProjectRole = CallerInfo['roles'][number]['role'];

// The UI's reading of the permission table (docs: teams contract): the server decides, this only
// decides which buttons to offer and why others are not.

/** What the UI needs of GET user/info to decide. */
export type Rights = Pick<CallerInfo, 'username' | 'admin' | 'roles' | 'token'>;

/** A project role, or 'ADMIN' for what only administrators may do. */
export type Needed = ProjectRole | 'ADMIN';

const RANK: Record<ProjectRole, number> = { VIEWER: 1, MAINTAINER: 2, PROJECT_ADMIN: 3 };

/** The caller's role on a project, or null when it is not a member (administrators need no role). */
function roleOn(rights: Rights, projectId: string): ProjectRole | null {
  return rights.roles.find((r) => r.projectId === projectId)?.role ?? null;
}

/** Why the caller may not do it, or null when it may. */
export function whyNot(rights: Rights, projectId: string | null, needed: Needed): string | null {
  const token = rights.token;
  if (token && token.projectId !== null && projectId !== null && token.projectId !== projectId) {
    return `this token is limited to project ${token.projectId}`;
  }
  if (token && token.access === 'READ' && needed !== 'VIEWER') return `this token is READ; WRITE is needed`;
  if (rights.admin) {
    // A scoped administrator's token loses the administrator-only rights.
    if (needed === 'ADMIN' && token && token.projectId !== null) return 'this token is limited to one project';
    return null;
  }
  if (needed === 'ADMIN') return 'you need to be an administrator';
  if (projectId === null) return `you need ${needed} on a project`;
  const role = roleOn(rights, projectId);
  if (role !== null && RANK[role] >= RANK[needed]) return null;
  return role === null
    ? `you need ${needed} on project ${projectId}; you are not a member`
    : `you need ${needed} on project ${projectId}; you are ${role}`;
}

/** May the caller take an action that needs `needed` on `projectId` (null: no project, e.g. users)? */
export function can(rights: Rights, projectId: string | null, needed: Needed): boolean {
  return whyNot(rights, projectId, needed) === null;
}

/** The projects whose audit log the caller may read; 'ALL' for administrators. */
export function auditableProjects(rights: Rights): 'ALL' | string[] {
  if (can(rights, null, 'ADMIN')) return 'ALL';
  return rights.roles.filter((r) => can(rights, r.projectId, 'PROJECT_ADMIN')).map((r) => r.projectId);
}
