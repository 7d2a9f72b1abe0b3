import { OciError } from './errors';

// image-spec §"Digests": algorithm ":" encoded. Ferry's store is sha256-only.
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const SHA256 = /^sha256:([0-9a-f]{64})$/;

export function isDigest(reference: string): boolean {
  return DIGEST.test(reference);
}

/** The hex of a sha256 digest; DIGEST_INVALID for malformed digests and other algorithms. */
export function sha256HexOf(digest: string, field = 'digest'): string {
  const match = digest.match(SHA256);
  if (match?.[1]) return match[1];
  if (DIGEST.test(digest)) {
    throw new OciError('DIGEST_INVALID', `unsupported digest algorithm in [${digest}]: Ferry stores sha256 only`, { [field]: digest });
  }
  throw new OciError('DIGEST_INVALID', `[${digest}] is not a digest of the form sha256:<64 hex>`, { [field]: digest });
}

export const digestOfHex = (hex: string) => `sha256:${hex}`;
