import { type BlobInfo, BlobVerificationError, type PutExpectations } from './blob-store';

/** Throws when what arrived is not what the client declared (size, then sha256, then md5). */
export function verifyExpectations(info: BlobInfo, expect: PutExpectations): void {
  if (expect.size !== undefined && expect.size !== info.size) {
    throw new BlobVerificationError('size', `expected ${expect.size} bytes, received ${info.size}`);
  }
  if (expect.sha256 && expect.sha256.toLowerCase() !== info.sha256) {
    throw new BlobVerificationError('sha256', `sha256 mismatch: expected ${expect.sha256}, computed ${info.sha256}`);
  }
  if (expect.md5 && expect.md5.toLowerCase() !== info.md5) {
    throw new BlobVerificationError('md5', `md5 mismatch: expected ${expect.md5}, computed ${info.md5}`);
  }
}
