// The test S3 server (Ceph radosgw on a loopback port, started by scripts/ensure-radosgw.sh) and
// S3 blob stores on it, for the blob-store contract suite and the integration runs with
// FERRY_TEST_BLOB_STORE=s3.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { createS3Client, type S3Settings } from '../../lib/storage/s3/client';
import { createS3BlobStore } from '../../lib/storage/s3-blob-store';

const script = path.resolve('scripts/ensure-radosgw.sh');

let started: Record<string, string> | undefined;

/** Starts radosgw (or reuses the running one) and returns its FERRY_S3_* settings (default bucket). */
export function radosgwEnv(): Record<string, string> {
  if (started === undefined) {
    const output = execFileSync('bash', [script, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 });
    const lines = output.split('\n').map((line) => line.match(/^(FERRY_S3_[A-Z_]+)=(.*)$/));
    started = Object.fromEntries(lines.filter((match) => match !== null).map((match) => [match[1], match[2]])) as Record<string, string>;
  }
  return started;
}

// Per checkout, so two clones' integration runs on one radosgw never empty each other's bucket.
export const integrationBucket = `ferry-test-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 8)}`;

/** Empties (or creates) the integration runs' bucket: each run starts clean and the disk does not fill up. */
export function resetIntegrationBucket(): void {
  resetBucket(integrationBucket);
}

/** Empties (or creates) a bucket on the test radosgw (started if it is not running). */
export function resetBucket(bucket: string): void {
  radosgwEnv();
  execFileSync('bash', [script, 'reset-bucket', bucket], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
}

/** The settings of a store on the test radosgw, from FERRY_S3_* variables (a server's env, or radosgwEnv()). */
export function s3SettingsOf(env: Record<string, string | undefined>): S3Settings {
  return {
    endpoint: env.FERRY_S3_ENDPOINT,
    region: env.FERRY_S3_REGION ?? 'us-east-1',
    bucket: env.FERRY_S3_BUCKET ?? '',
    accessKeyId: env.FERRY_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.FERRY_S3_SECRET_ACCESS_KEY ?? '',
    forcePathStyle: env.FERRY_S3_FORCE_PATH_STYLE === 'true',
    prefix: env.FERRY_S3_PREFIX ?? '',
  };
}

/** An S3 blob store from settings, with its client for direct looks at the bucket. */
export function s3StoreOf(settings: S3Settings) {
  const client = createS3Client(settings);
  return { client, store: createS3BlobStore({ client, bucket: settings.bucket, prefix: settings.prefix }) };
}
