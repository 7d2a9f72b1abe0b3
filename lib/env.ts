import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { parseOutboundList } from './net/outbound-policy';

/** FERRY_OUTBOUND_ALLOW / _DENY: comma-separated CIDRs, addresses and host names. */
const outboundList = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const rules = parseOutboundList(text);
    if (!('error' in rules)) return rules;
    ctx.addIssue({ code: 'custom', message: rules.error });
    return z.NEVER;
  });

/** A whole number from min to max; the message names the variable and what it accepts. */
function boundedInt(name: string, min: number, max: number, fallback: number) {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .default(String(fallback))
    .transform((text, ctx) => {
      if (text.trim() === '') return fallback;
      const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
      if (value >= min && value <= max) return value;
      ctx.addIssue({ code: 'custom', message: `${message} (got "${text}")` });
      return z.NEVER;
    });
}

/** 'true' / 'false' (also 1/0, yes/no); the message names the variable. */
function flag(name: string, fallback: boolean) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      const value = (text ?? '').trim().toLowerCase();
      if (value === '') return fallback;
      if (['true', '1', 'yes'].includes(value)) return true;
      if (['false', '0', 'no'].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got "${text}")` });
      return z.NEVER;
    });
}

/** An unset or blank variable is absent. */
const optionalText = z
  .string()
  .optional()
  .transform((text) => (text?.trim() ? text.trim() : undefined));

// The one place that reads process.env. Parsed lazily so build-time imports don't fail.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FERRY_DATA_DIR: z.string().default('./data'),
  // PGlite's own default (160 MB) is touched at start and makes up a third of an idle server's RSS;
  // the embedded database is small and the OS page cache holds its files anyway.
  FERRY_PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9][0-9]*(kB|MB|GB)$/, 'FERRY_PGLITE_SHARED_BUFFERS must be a size such as 32MB')
    .default('32MB'),
  FERRY_ADMIN_PASSWORD: z.string().min(8, 'FERRY_ADMIN_PASSWORD needs at least 8 characters').optional(),
  FERRY_SECRET_KEY: z.string().optional(),
  FERRY_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  TZ: z.string().optional(),
  FERRY_RUNNER: z.enum(['on', 'off']).default('on'),
  FERRY_RUNNER_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  FERRY_RUNNER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  /** Executions one instance runs at once. */
  FERRY_RUNNER_MAX_RUNS: boundedInt('FERRY_RUNNER_MAX_RUNS', 1, 64, 2),
  /** Artifacts one run transfers at once. */
  FERRY_RUNNER_CONCURRENCY: boundedInt('FERRY_RUNNER_CONCURRENCY', 1, 64, 4),
  /** Artifacts in flight across all runs of this instance (a cap over FERRY_RUNNER_CONCURRENCY × runs). */
  FERRY_RUNNER_MAX_TRANSFERS: boundedInt('FERRY_RUNNER_MAX_TRANSFERS', 1, 1024, 16),
  /** Drift checks: how long one may compare before it ends PARTIAL, and target requests in flight per check. */
  FERRY_DRIFT_BUDGET_SECONDS: boundedInt('FERRY_DRIFT_BUDGET_SECONDS', 1, 3600, 60),
  FERRY_DRIFT_CONCURRENCY: boundedInt('FERRY_DRIFT_CONCURRENCY', 1, 64, 8),
  /** On SIGTERM/SIGINT: how long runs and HTTP requests in flight may take to finish before they are handed back or cut. */
  FERRY_SHUTDOWN_SECONDS: boundedInt('FERRY_SHUTDOWN_SECONDS', 0, 3600, 20),
  /** How long a dry-run plan may probe the target before it answers with what it has (partial). */
  FERRY_PLAN_BUDGET_SECONDS: boundedInt('FERRY_PLAN_BUDGET_SECONDS', 1, 300, 20),
  /** Next.js's own variable: set, `next start` installs no signal handler of its own (lib/server/shutdown.ts). */
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
  FERRY_OUTBOUND_ALLOW: outboundList,
  FERRY_OUTBOUND_DENY: outboundList,
  /** Largest JSON request body; bigger ones are refused with 413 while streaming. */
  FERRY_MAX_JSON_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Largest file or blob one upload may store (generic and OCI); unset = no limit. */
  FERRY_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).optional(),
  /** Uploads are refused with 507 while the blob store's disk has less free space than this. */
  FERRY_MIN_FREE_DISK_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(256 * 1024 * 1024),
  /** Audit rows older than this many days are pruned by the hourly housekeeping. */
  FERRY_AUDIT_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  /** Where a blob was last seen on a target registry is forgotten after this many days (hourly housekeeping). */
  FERRY_BLOB_LOCATION_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
  /** Finished runs that ended more than this many days ago are pruned (a task's newest run stays); 0 keeps all. */
  FERRY_HISTORY_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  /** Webhook notifications: attempts per delivery before it is FAILED, the first retry wait (doubling), the POST timeout. */
  FERRY_WEBHOOK_MAX_ATTEMPTS: boundedInt('FERRY_WEBHOOK_MAX_ATTEMPTS', 1, 50, 6),
  FERRY_WEBHOOK_RETRY_SECONDS: boundedInt('FERRY_WEBHOOK_RETRY_SECONDS', 1, 86_400, 30),
  FERRY_WEBHOOK_SEND_SECONDS: boundedInt('FERRY_WEBHOOK_SEND_SECONDS', 1, 300, 10),
  /** Entries the password throttle keeps per LRU (known and unknown usernames): bounds its memory (~200 B each). */
  FERRY_AUTH_THROTTLE_ENTRIES: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  /** Bearer token that GET /metrics requires; unset (and no FERRY_METRICS_PORT): /metrics answers 404. */
  FERRY_METRICS_TOKEN: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || (value.length >= 16 && /^\S+$/.test(value)), {
      message: 'FERRY_METRICS_TOKEN needs at least 16 characters and no spaces',
    }),
  /** Serves /metrics on a listener of its own (and 404 on the main port); unset: no extra listener. */
  FERRY_METRICS_PORT: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const port = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
      if (port >= 1 && port <= 65_535) return port;
      ctx.addIssue({ code: 'custom', message: `FERRY_METRICS_PORT must be a port number from 1 to 65535 (got "${value}")` });
      return z.NEVER;
    }),
  /** Address the FERRY_METRICS_PORT listener binds: loopback unless an operator opens it (e.g. 0.0.0.0). */
  FERRY_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Proxies whose X-Forwarded-For Ferry believes (comma-separated CIDRs or addresses); unset:
   * the client address is the socket's, and X-Forwarded-For is ignored.
   */
  FERRY_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const ranges: CidrRange[] = [];
      for (const item of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
        const range = parseCidr(item);
        if (range) ranges.push(range);
        else ctx.addIssue({ code: 'custom', message: `"${item}" is not an IPv4/IPv6 address or CIDR (e.g. 10.0.0.0/8, ::1/128)` });
      }
      return ranges;
    }),
  /** Where blob bytes live: `fs` (FERRY_DATA_DIR/blobs) or `s3` (the FERRY_S3_* bucket). */
  FERRY_BLOB_STORE: z
    .string()
    .default('fs')
    .transform((text, ctx) => {
      const value = text.trim() || 'fs';
      if (value === 'fs' || value === 's3') return value;
      ctx.addIssue({ code: 'custom', message: `FERRY_BLOB_STORE must be fs or s3 (got "${text.slice(0, 64)}")` });
      return z.NEVER;
    }),
  /** S3 API base URL (radosgw, MinIO, AWS…); unset: AWS's endpoint for FERRY_S3_REGION. */
  FERRY_S3_ENDPOINT: optionalText.refine(
    (text) => text === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(text),
    'FERRY_S3_ENDPOINT must be an http:// or https:// URL such as http://127.0.0.1:7480',
  ),
  FERRY_S3_BUCKET: optionalText.refine(
    (text) => text === undefined || /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(text),
    'FERRY_S3_BUCKET must be a bucket name: 3-63 lowercase letters, digits, dots, hyphens',
  ),
  FERRY_S3_REGION: optionalText.transform((text) => text ?? 'us-east-1'),
  FERRY_S3_ACCESS_KEY_ID: optionalText,
  FERRY_S3_SECRET_ACCESS_KEY: optionalText,
  /** Path-style URLs (endpoint/bucket/key), as radosgw and MinIO without wildcard DNS need. */
  FERRY_S3_FORCE_PATH_STYLE: flag('FERRY_S3_FORCE_PATH_STYLE', false),
  /** Every key Ferry writes starts with this (a "folder" ending in /), so one bucket can hold several installations. */
  FERRY_S3_PREFIX: optionalText.transform((text, ctx) => {
    if (text === undefined) return '';
    if (text.length > 512 || !/^[A-Za-z0-9!_.*'()/-]+$/.test(text) || text.startsWith('/') || text.includes('//')) {
      ctx.addIssue({
        code: 'custom',
        message: "FERRY_S3_PREFIX must be up to 512 letters, digits and !_.*'()/- without a leading / or //, e.g. ferry/",
      });
      return z.NEVER;
    }
    return text.endsWith('/') ? text : `${text}/`;
  }),
});

/** Settings that only matter together: the S3 store needs its bucket and keys. */
const checkedEnvSchema = envSchema.superRefine((e, ctx) => {
  if (e.FERRY_BLOB_STORE !== 's3') return;
  for (const name of ['FERRY_S3_BUCKET', 'FERRY_S3_ACCESS_KEY_ID', 'FERRY_S3_SECRET_ACCESS_KEY'] as const) {
    if (e[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required when FERRY_BLOB_STORE=s3` });
  }
});

/** Every variable Ferry reads (deploy/deploy.test.ts checks the deployment files against it). */
export const ENV_VARIABLE_NAMES: readonly string[] = Object.keys(envSchema.shape);

export type CidrRange = { address: string; prefix: number; family: 'ipv4' | 'ipv6' };

export function parseCidr(text: string): CidrRange | null {
  const [address = '', prefixText, extra] = text.split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export type FerryEnv = z.infer<typeof envSchema> & { dataDir: string };

let parsed: FerryEnv | undefined;

export function env(): FerryEnv {
  parsed ??= parseEnv(process.env);
  return parsed;
}

/** Parses an environment; throws one message listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): FerryEnv {
  const result = checkedEnvSchema.safeParse(source);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${detail}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.FERRY_DATA_DIR) };
}
