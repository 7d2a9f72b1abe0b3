import { SHA256_HEX } from '../blob-store';

const UPLOAD_ID = /^[0-9a-f-]{36}$/;
/** Part keys carry their offset, zero-padded so that keys sort by offset. */
const OFFSET_DIGITS = 16;

/**
 * Where the S3 store keeps what (every key after FERRY_S3_PREFIX):
 *   sha256/<hex>                 a blob, written only once its digest is verified
 *   tmp/<uuid>                   a put of unknown digest, until it is copied to sha256/<hex>
 *   uploads/<id>/created         a resumable upload exists (written by createUpload)
 *   uploads/<id>/<offset>        the bytes of one PATCH chunk, starting at that offset
 */
export function s3Keys(prefix: string) {
  const checkedUpload = (id: string) => {
    if (!UPLOAD_ID.test(id)) throw new Error(`not an upload id: ${id}`);
    return `${prefix}uploads/${id}/`;
  };
  return {
    /** Everything of this store starts with it. */
    root: prefix,
    blobs: `${prefix}sha256/`,
    blob(sha256: string): string {
      if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 hex digest: ${sha256}`);
      return `${prefix}sha256/${sha256}`;
    },
    temporaries: `${prefix}tmp/`,
    temporary: (id: string) => `${prefix}tmp/${id}`,
    uploads: `${prefix}uploads/`,
    upload: checkedUpload,
    marker: (id: string) => `${checkedUpload(id)}created`,
    part: (id: string, offset: number) => `${checkedUpload(id)}${String(offset).padStart(OFFSET_DIGITS, '0')}`,
    /** The offset of a part key's name, or null for the marker (or anything else). */
    offsetOf(name: string): number | null {
      return new RegExp(`^\\d{${OFFSET_DIGITS}}$`).test(name) ? Number(name) : null;
    },
  };
}

export type S3Keys = ReturnType<typeof s3Keys>;
