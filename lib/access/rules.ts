import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import type { Principal } from './principal';
import { type ProjectTarget, requireAdmin, requireProjectRole } from './project-access';
import type { ProjectRole } from './roles';

type LocateInput = { db: Db; params: Record<string, string>; query: unknown; body: unknown };
/**
 * The project a request addresses; null when the record it names does not exist (the handler
 * answers 404), 'ADMIN_ONLY' for records no project owns any more (history of deleted tasks).
 */
type Located = ProjectTarget | null | 'ADMIN_ONLY';
type Locate = (input: LocateInput) => Located | Promise<Located>;

/** What a route needs, declared once in its `apiRoute` options and enforced by the wrapper. */
export type AccessRule =
  /** Anyone, anonymous included: the operation checks (sign-in, public downloads). */
  | { kind: 'anyone' }
  /** Any signed-in caller (their own tokens, identity, system info). */
  | { kind: 'signedIn' }
  /** Administrators only. */
  | { kind: 'admin' }
  | { kind: 'project'; role: ProjectRole; locate: Locate; management?: boolean };

export const anyone: AccessRule = { kind: 'anyone' };
export const signedIn: AccessRule = { kind: 'signedIn' };
export const adminOnly: AccessRule = { kind: 'admin' };

/** `role` on the project of the path's [projectId] (and [repoName], whose 404 a non-member gets). */
export function inProject(role: ProjectRole, options: { locate?: Locate; management?: boolean } = {}): AccessRule {
  return { kind: 'project', role, locate: options.locate ?? fromPath, management: options.management };
}

function fromPath({ params }: LocateInput): ProjectTarget {
  const projectName = params.projectId;
  if (projectName === undefined) throw new Error('inProject() on a route without [projectId]');
  return params.repoName === undefined ? { projectName } : { projectName, repoName: params.repoName };
}

/** `role` on the project of the execution in the path's [id]. */
export const onExecution = (role: ProjectRole) =>
  inProject(role, {
    locate: async ({ db, params }) => {
      const [row] = await db
        .select({ projectName: replicaTasks.projectName, repoName: replicaTasks.repoName })
        .from(executions)
        .leftJoin(replicaTasks, eq(replicaTasks.taskKey, executions.taskKey))
        .where(eq(executions.id, params.id ?? ''))
        .limit(1);
      if (!row) return null;
      return row.projectName !== null && row.repoName !== null ? { projectName: row.projectName, repoName: row.repoName } : 'ADMIN_ONLY';
    },
  });

/** `role` on the project of the config or task in the path's [taskKey]. */
export const onTaskKey = (role: ProjectRole) =>
  inProject(role, {
    locate: async ({ db, params }) => {
      const [row] = await db
        .select({ projectName: replicaTasks.projectName, repoName: replicaTasks.repoName })
        .from(replicaTasks)
        .where(eq(replicaTasks.taskKey, params.taskKey ?? ''))
        .limit(1);
      return row ?? 'ADMIN_ONLY';
    },
  });

/**
 * Enforces a rule for a caller; returns the project it located (for the audit row). A record that
 * does not exist is left to the handler, whose 404 is the same for everyone.
 */
export async function enforceAccess(
  rule: AccessRule,
  caller: Principal | null,
  input: LocateInput & { method: string },
  /** Told the located project before the check, so a refusal's audit row names it. */
  onLocated: (target: ProjectTarget) => void = () => undefined,
): Promise<ProjectTarget | null> {
  if (rule.kind === 'anyone') return null;
  if (!caller) throw new AppError(ErrorCode.AUTH_FAILED, 'Authentication required: send HTTP Basic credentials or a Bearer API token');
  if (rule.kind === 'signedIn') return null;
  if (rule.kind === 'admin') {
    requireAdmin(caller, { write: !['GET', 'HEAD'].includes(input.method) });
    return null;
  }
  const target = await rule.locate(input);
  if (target === 'ADMIN_ONLY') {
    requireAdmin(caller, { write: !['GET', 'HEAD'].includes(input.method) });
    return null;
  }
  if (target) onLocated(target);
  if (target) await requireProjectRole(input.db, caller, target, rule.role, { management: rule.management });
  return target;
}
