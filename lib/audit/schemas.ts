import { z } from 'zod';
import { auditOutcomes } from '../db/schema';
import { toOptionalDateTime } from '../time/local-time';

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
  'config.verify',
  'config.repair',
  'task.create',
  'task.execute',
  'task.delete',
  'webhook.create',
  'webhook.delete',
  'webhook.test',
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
export type AuditAction = (typeof auditActions)[number];
export type AuditOutcome = (typeof auditOutcomes)[number];

const dateTime = z.string().optional().transform(toOptionalDateTime);

/** Query of GET /repository/api/admin/audit: newest first; `afterId` pages down (ids below it). */
export const auditQuerySchema = z.object({
  projectId: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  action: z.enum(auditActions).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  after: dateTime,
  before: dateTime,
  afterId: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export type AuditRecord = {
  id: number;
  time: string | null;
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
