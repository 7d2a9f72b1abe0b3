import { z } from 'zod';

const auditOutcomes = ['OK', 'DENIED', 'FAILED'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export const auditActions = [
  'auth.login',
  'user.create',
  'user.update',
  'user.delete',
  'user.password',
  'member.set',
  'member.remove',
  'token.create',
  'token.delete',
  'project.create',
  'repo.create',
  'repo.delete',
  'config.create',
  'config.update',
  'config.delete',
  'config.toggle',
  'config.run',
  'task.create',
  'task.execute',
  'task.delete',
  'run.cancel',
  'run.retry',
  'cluster.create',
  'cluster.update',
  'cluster.delete',
  'cluster.tryConnect',
  'file.upload',
  'file.delete',
  'image.push',
  'image.delete',
  'gc.run',
] as const;

const optionalText = z
  .string()
  .trim()
  .max(200)
  .nullish()
  .transform((v) => v || undefined);

/** Query of GET /repository/api/admin/audit; `after`/`before` are server-zone wall times like other API times. */
export const auditQuerySchema = z.object({
  projectId: optionalText,
  userId: optionalText,
  action: z.enum(auditActions).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  after: optionalText,
  before: optionalText,
  /** Newest first: the next page holds the rows with id < afterId. */
  afterId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** One audit row; `detail` never holds a secret (they appear as "***"). */
export type AuditRecord = {
  id: number;
  time: string;
  userId: string | null;
  address: string;
  action: string;
  projectId: string | null;
  repoName: string | null;
  resource: string;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  traceId: string;
};

export type AuditPage = { records: AuditRecord[]; nextAfterId: number | null };
