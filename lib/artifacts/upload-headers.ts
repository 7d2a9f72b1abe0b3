import { AppError } from '../http/app-error';

export type UploadOptions = {
  sha256?: string;
  md5?: string;
  /** From Content-Length: a body that ends early is refused instead of stored short. */
  size?: number;
  overwrite: boolean;
  metadata: Record<string, string>;
  /**
   * Ferry extension (X-Ferry-Link-Sha256): make the file from content this server already holds,
   * with no body. bk-repo clients never send it, so their uploads are unchanged.
   */
  linkSha256?: string;
};

export const LINK_HEADER = 'X-Ferry-Link-Sha256';

const SHA256 = /^[0-9a-fA-F]{64}$/;
const MD5 = /^[0-9a-fA-F]{32}$/;
const META_PREFIX = 'x-bkrepo-meta-';

/**
 * bk-repo's generic upload headers: X-BKREPO-SHA256 / -MD5 (verified), X-BKREPO-OVERWRITE,
 * X-BKREPO-META-{key} (key lower-cased), and X-BKREPO-META = base64("k1=v1&k2=v2").
 */
export function parseUploadHeaders(headers: Headers): UploadOptions {
  const sha256 = headers.get('x-bkrepo-sha256')?.trim() || undefined;
  if (sha256 && !SHA256.test(sha256)) throw AppError.invalid('X-BKREPO-SHA256', 'must be 64 hexadecimal characters');
  const md5 = headers.get('x-bkrepo-md5')?.trim() || undefined;
  if (md5 && !MD5.test(md5)) throw AppError.invalid('X-BKREPO-MD5', 'must be 32 hexadecimal characters');

  const overwriteText = headers.get('x-bkrepo-overwrite')?.trim().toLowerCase() || 'false';
  if (overwriteText !== 'true' && overwriteText !== 'false') throw AppError.invalid('X-BKREPO-OVERWRITE', 'must be true or false');

  const lengthText = headers.get('content-length');
  const size = lengthText === null ? undefined : Number(lengthText);
  if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0)) throw AppError.invalid('Content-Length');

  const metadata: Record<string, string> = {};
  const packed = headers.get('x-bkrepo-meta');
  if (packed) {
    const decoded = Buffer.from(packed.trim(), 'base64').toString('utf8');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(packed.trim()) || !decoded.includes('=')) {
      throw AppError.invalid('X-BKREPO-META', 'must be base64 of k1=v1&k2=v2');
    }
    for (const [key, value] of new URLSearchParams(decoded)) {
      if (key) metadata[key] = value;
    }
  }
  // Separate headers win over the packed form: they are the more specific of the two.
  for (const [name, value] of headers) {
    if (name.startsWith(META_PREFIX) && name.length > META_PREFIX.length) metadata[name.slice(META_PREFIX.length)] = value;
  }
  const linkSha256 = parseLinkHeader(headers, { sha256, size });
  return { sha256: sha256?.toLowerCase(), md5: md5?.toLowerCase(), size, overwrite: overwriteText === 'true', metadata, linkSha256 };
}

/** X-Ferry-Link-Sha256: 64 hex characters, no body, and the same digest as X-BKREPO-SHA256 when both are sent. */
function parseLinkHeader(headers: Headers, declared: { sha256?: string; size?: number }): string | undefined {
  const link = headers.get(LINK_HEADER);
  if (link === null) return undefined;
  if (!SHA256.test(link.trim())) throw AppError.invalid(LINK_HEADER, 'must be 64 hexadecimal characters (the sha256 of the content)');
  const hex = link.trim().toLowerCase();
  if (declared.sha256 && declared.sha256.toLowerCase() !== hex) throw AppError.invalid('X-BKREPO-SHA256', `must equal ${LINK_HEADER}`);
  if (declared.size !== undefined && declared.size > 0) throw AppError.invalid(LINK_HEADER, 'the request must have no body');
  return hex;
}
