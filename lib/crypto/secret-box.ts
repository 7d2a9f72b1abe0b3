import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '../env';
import { ensureDataDirSync, PRIVATE_FILE_MODE } from '../fs/private-files';

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets at rest (remote passwords). The key comes from FERRY_SECRET_KEY
 * (64 hex chars or base64 of 32 bytes) or is generated once into FERRY_DATA_DIR/secret.key.
 */
export function encryptSecret(plaintext: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decryptSecret(envelope: string, key: Buffer = secretKey()): string {
  const [version, payload] = envelope.split(':');
  if (version !== VERSION || !payload) throw new Error('Unknown secret envelope version');
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

let cachedKey: Buffer | undefined;

function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('FERRY_SECRET_KEY must be 32 bytes: 64 hex characters or base64');
  return key;
}

function secretKey(): Buffer {
  if (cachedKey) return cachedKey;
  const { FERRY_SECRET_KEY, dataDir } = env();
  if (FERRY_SECRET_KEY) {
    cachedKey = parseSecretKey(FERRY_SECRET_KEY);
    return cachedKey;
  }
  const file = path.join(dataDir, 'secret.key');
  ensureDataDirSync(dataDir);
  try {
    // 'wx' fails if another process created it first; then we read theirs.
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Exact mode whatever the umask, and repaired on a key an older version left readable.
  chmodSync(file, PRIVATE_FILE_MODE);
  cachedKey = parseSecretKey(readFileSync(file, 'utf8'));
  return cachedKey;
}
