import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { executions, replicaTasks } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import type { Principal } from './principal';
import { isAdministrator, type ProjectTarget, requireAdmin, requireProjectRole, resolveProjectRights } from './project-access';
import { AccessRefusal } from './refusal';
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
  | { kind: 'project'; role: ProjectRole; locate: Locate; management?: boolean; hidden?: Hidden };

/**
 * For routes addressed by a record id rather than a project name: the refusal a caller gets when
 * the record's project does not exist for them — exactly what a record that does not exist answers,
 * so an id never reveals the project or repository it belongs to.
 */
type Hidden = (caller: Principal, input: LocateInput & { method: string }) => AppError;

export const anyone: AccessRule = { kind: 'anyone' };
export const signedIn: AccessRule = { kind: 'signedIn' };
export const adminOnly: AccessRule = { kind: 'admin' };

/** `role` on the project of the path's [projectId] (and [repoName], whose 404 a non-member gets). */
export function inProject(role: ProjectRole, options: { locate?: Locate; management?: boolean; hidden?: Hidden } = {}): AccessRule {
  return { kind: 'project', role, locate: options.locate ?? fromPath, management: options.management, hidden: options.hidden };
}

function fromPath({ params }: LocateInput): ProjectTarget {
  const projectName = params.projectId;
  if (projectName === undefined) throw new Error('inProject() on a route without [projectId]');
  return params.repoName === undefined ? { projectName } : { projectName, repoName: params.repoName };
}

/** `role` on the project of the execution in the path's [id]. */
export const onExecution = (role: ProjectRole) =>
  inProject(role, {
    locate: ({ db, params }) => projectOfExecution(db, params.id ?? ''),
    // As getExecutionOrThrow answers an unknown id.
    hidden: (_caller, { params }) => new AccessRefusal(ErrorCode.RESOURCE_NOT_FOUND, `Execution [${params.id}] not found`, 'id'),
  });

/** `role` on the project of the config or task in the path's [taskKey]. */
export const onTaskKey = (role: ProjectRole) =>
  inProject(role, {
    locate: ({ db, params }) => projectOfTask(db, params.taskKey ?? ''),
    // An unknown key is history only administrators read: a foreign key answers the same.
    hidden: (caller, { method }) => adminRefusal(caller, method) ?? new AccessRefusal(ErrorCode.RESOURCE_NOT_FOUND, 'Not found'),
  });

/** The repository a config or task belongs to, as a located target. */
const taskRepository = { projectName: replicaTasks.projectName, repoName: replicaTasks.repoName };

async function projectOfExecution(db: Db, id: string): Promise<Located> {
  const [row] = await db
    .select(taskRepository)
    .from(executions)
    .leftJoin(replicaTasks, eq(replicaTasks.taskKey, executions.taskKey))
    .where(eq(executions.id, id))
    .limit(1);
  if (!row) return null;
  return row.projectName !== null && row.repoName !== null ? { projectName: row.projectName, repoName: row.repoName } : 'ADMIN_ONLY';
}

async function projectOfTask(db: Db, taskKey: string): Promise<Located> {
  const [row] = await db.select(taskRepository).from(replicaTasks).where(eq(replicaTasks.taskKey, taskKey)).limit(1);
  return row ?? 'ADMIN_ONLY';
}

function adminRefusal(caller: Principal, method: string): AppError | null {
  try {
    requireAdmin(caller, { write: isWrite(method) });
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

const isWrite = (method: string) => !['GET', 'HEAD'].includes(method);

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
    requireAdmin(caller, { write: isWrite(input.method) });
    return null;
  }
  const target = await rule.locate(input);
  if (target === 'ADMIN_ONLY') {
    if (rule.hidden && !isAdministrator(caller)) throw rule.hidden(caller, input);
    requireAdmin(caller, { write: isWrite(input.method) });
    return null;
  }
  if (!target) return null;
  onLocated(target);
  if (rule.hidden && (await resolveProjectRights(input.db, caller, target.projectName)).rank === null) throw rule.hidden(caller, input);
  await requireProjectRole(input.db, caller, target, rule.role, { management: rule.management });
  return target;
}
