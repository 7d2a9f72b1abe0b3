import { z } from 'zod';

export const clusterTypes = ['STANDALONE', 'EDGE', 'CENTER'] as const;
const CLUSTER_NAME = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$/;

const nullableText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v === '' || v == null ? undefined : v));

const clusterUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^/\s]+/.test(v) && URL.canParse(v), 'must be an http:// or https:// URL of a Ferry server')
  // Credentials in the URL would be stored in clear and echoed back by every read.
  .refine((v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password), {
    message: 'must not contain credentials (user:password@): use the username and password fields',
    abort: true,
  })
  .transform((v) => v.replace(/\/+$/, ''));

const pemCertificate = z
  .string()
  .max(64 * 1024)
  .refine((v) => v.includes('-----BEGIN CERTIFICATE-----'), 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)');

export const createClusterSchema = z.object({
  name: z.string().regex(CLUSTER_NAME, 'must be 1-128 letters, digits, _, . or -, not starting with . or -'),
  url: clusterUrl,
  username: nullableText(256),
  password: nullableText(1024),
  certificate: pemCertificate
    .nullish()
    .or(z.literal(''))
    .transform((v) => v || undefined),
  type: z
    .enum(clusterTypes)
    .nullish()
    .transform((v) => v ?? 'STANDALONE'),
});
export type CreateClusterInput = z.input<typeof createClusterSchema>;

/**
 * Identifies the node by id or name; omitted fields keep their values. An omitted password is kept
 * only while the URL's scheme, host and port stay the same.
 */
export const updateClusterSchema = z
  .object({
    id: nullableText(64),
    name: z
      .string()
      .regex(CLUSTER_NAME)
      .nullish()
      .transform((v) => v ?? undefined),
    url: clusterUrl.nullish().transform((v) => v ?? undefined),
    username: nullableText(256),
    password: nullableText(1024),
    certificate: pemCertificate
      .nullish()
      .or(z.literal(''))
      .transform((v) => (v === '' ? null : (v ?? undefined))),
    type: z
      .enum(clusterTypes)
      .nullish()
      .transform((v) => v ?? undefined),
  })
  .superRefine((value, ctx) => {
    if (!value.id && !value.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'id or name is required', params: { code: 250103 } });
  });
export type UpdateClusterInput = z.input<typeof updateClusterSchema>;

export const clusterListQuerySchema = z.object({
  name: z.string().optional(),
  type: z.enum(clusterTypes).optional(),
});

export const clusterNameQuerySchema = z.object({
  name: z.string({ error: 'name is required' }).min(1),
});

/** What a non-administrator sees of a cluster: enough to pick a target, no credentials. */
export type ClusterSummary = Pick<ClusterInfo, 'id' | 'name' | 'url' | 'type' | 'status'>;

export type ClusterInfo = {
  id: string;
  name: string;
  url: string;
  username: string | null;
  /** Always null: secrets never leave the server. */
  password: null;
  certificate: string | null;
  type: (typeof clusterTypes)[number];
  status: 'HEALTHY' | 'UNHEALTHY' | null;
  errorReason: string | null;
  lastCheckedDate: string | null;
  createdBy: string;
  createdDate: string | null;
  lastModifiedBy: string;
  lastModifiedDate: string | null;
};
