// What a test server has stored, looked at from outside whichever blob store it runs on
// (FERRY_DATA_DIR/blobs, or its prefix of the test radosgw bucket).
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { listMultipartUploads, listObjects } from '../../lib/storage/s3/objects';
import { s3SettingsOf, s3StoreOf } from './radosgw';

type ServerLike = { dataDir: string; env: Record<string, string> };

export type ServerBlobs = {
  /** The digests (hex) stored. */
  stored: () => Promise<string[]>;
  /** Temporary puts (and, with `uploads`, resumable uploads) in flight. */
  inFlight: (options?: { uploads?: boolean }) => Promise<string[]>;
  /** Replaces a stored blob's bytes behind Ferry's back (to test that corruption is caught). */
  overwrite: (sha256: string, bytes: Buffer) => Promise<void>;
};

export function serverBlobs(server: ServerLike): ServerBlobs {
  if (server.env.FERRY_BLOB_STORE === 's3') return s3Blobs(server.env);
  const root = path.join(server.dataDir, 'blobs');
  const files = async (dir: string) => {
    const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  };
  return {
    stored: async () => (await files('sha256')).filter((name) => /^[0-9a-f]{64}$/.test(name)),
    inFlight: async (options = {}) => [...(await files('tmp')), ...(options.uploads ? await files('uploads') : [])],
    overwrite: (sha256, bytes) => writeFile(path.join(root, 'sha256', sha256.slice(0, 2), sha256), bytes),
  };
}

function s3Blobs(env: Record<string, string>): ServerBlobs {
  const settings = s3SettingsOf(env);
  const { client } = s3StoreOf(settings);
  const bucket = { client, name: settings.bucket };
  const keysUnder = async (prefix: string) => {
    const keys: string[] = [];
    for await (const object of listObjects(bucket, `${settings.prefix}${prefix}`)) keys.push(object.key);
    for await (const upload of listMultipartUploads(bucket, `${settings.prefix}${prefix}`)) keys.push(upload.key);
    return keys;
  };
  return {
    stored: async () => (await keysUnder('sha256/')).map((key) => key.slice(`${settings.prefix}sha256/`.length)),
    inFlight: async (options = {}) => [...(await keysUnder('tmp/')), ...(options.uploads ? await keysUnder('uploads/') : [])],
    overwrite: async (sha256, bytes) => {
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: `${settings.prefix}sha256/${sha256}`, Body: bytes }));
    },
  };
}
