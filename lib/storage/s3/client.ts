import { S3Client } from '@aws-sdk/client-s3';

export type S3Settings = {
  /** Unset: AWS's own endpoint for the region. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** endpoint/bucket/key URLs, as radosgw and MinIO without wildcard DNS need. */
  forcePathStyle: boolean;
  /** Every key starts with it: '' or a "folder" ending in '/'. */
  prefix: string;
};

/**
 * One client per process: it keeps a pool of connections to the endpoint. The SDK never logs the
 * credentials (no logger is configured) and sends the secret to nobody: requests carry only its
 * SigV4 signature, to the configured endpoint.
 */
export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Ferry computes sha256 and md5 of every blob itself; the SDK's default CRC32 of every request
    // body would cost a third hash, and older S3 servers (radosgw 16) reject its trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A dead endpoint fails fast (readiness probes); no overall request timeout, as a download
    // stream may wait on a slow client for as long as it likes.
    requestHandler: {
      connectionTimeout: 5_000,
      httpAgent: { keepAlive: true, maxSockets: 64 },
      httpsAgent: { keepAlive: true, maxSockets: 64 },
    },
  });
}
