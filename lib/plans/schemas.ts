import { z } from 'zod';
import { conflictActions, planFates } from './fates';

/**
 * Body of POST /replication/api/remote/distribution/plan/{projectId}/{repoName}: `name` plans a
 * saved config or run-once task (`kind` picks one when both carry the name; without it a config
 * wins), `config` an unsaved config body (checked as create checks it, fields named `config.…`).
 */
export const planRequestSchema = z
  .object({
    name: z.string().min(1).max(128).optional(),
    kind: z.enum(['CONFIG', 'RUN_ONCE']).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.name === undefined && value.config === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'give name (a saved config or task) or config (an unsaved config)' });
    }
    if (value.name !== undefined && value.config !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['config'], message: 'name and config exclude each other: give one' });
    }
    if (value.kind !== undefined && value.config !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'only with name: an unsaved body is always a config' });
    }
  });
export type PlanRequest = z.output<typeof planRequestSchema>;

const planArtifactSchema = z.object({
  kind: z.enum(['FILE', 'IMAGE']),
  /** File path, or image name. */
  name: z.string(),
  /** Image tag at the source; null for files. */
  version: z.string().nullable(),
  /** Tags at the target when retagged (comma-separated), else null. */
  targetVersion: z.string().nullable(),
  /** Source digest: sha256:<hex> of a file, the manifest digest of an image. */
  digest: z.string().nullable(),
  /** Source size: a file's bytes, an image's blobs. */
  size: z.number(),
  fate: z.enum(planFates),
  /** For CONFLICT: what the conflict strategy will do. */
  conflictAction: z.enum(conflictActions).nullable(),
  /** What the target holds now (null: absent, or not probed). */
  targetDigest: z.string().nullable(),
  /** Bytes a run would really send for it after blob dedup, mounts and links; null when UNKNOWN. */
  bytesToMove: z.number().nullable(),
  /** Why FAIL or UNKNOWN. */
  reason: z.string().nullable(),
});
export type PlanArtifact = z.infer<typeof planArtifactSchema>;

export const planSchema = z.object({
  /** The saved config or task planned; null for an unsaved body. */
  name: z.string().nullable(),
  kind: z.enum(['CONFIG', 'RUN_ONCE']),
  /** e.g. "registry 127.0.0.1:5000" or "cluster edge-1". */
  target: z.string(),
  conflictStrategy: z.enum(['SKIP', 'OVERWRITE', 'FAST_FAIL']),
  /** True when the time budget ran out before every artifact was probed (those are UNKNOWN). */
  partial: z.boolean(),
  /** Why partial, in words; null when complete. */
  partialReason: z.string().nullable(),
  budgetSeconds: z.number(),
  artifacts: z.array(planArtifactSchema),
  totals: z.object({
    artifacts: z.number(),
    byFate: z.record(z.enum(planFates), z.number()),
    /** Size at the source of everything planned. */
    sourceBytes: z.number(),
    /** Bytes the run would really send (probed artifacts only when partial). */
    bytesToMove: z.number(),
    /** Bytes per second; 0 = unlimited. */
    rateLimit: z.number(),
    /** At the rate limit; null when unlimited. */
    estimatedSeconds: z.number().nullable(),
    /** The estimate and what it assumes, in words. */
    estimate: z.string(),
  }),
  elapsedMs: z.number(),
});
export type Plan = z.infer<typeof planSchema>;
