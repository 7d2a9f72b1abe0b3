import type { NextConfig } from 'next';

const config: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg'],
  poweredByHeader: false,
  // OCI clients call /v2/ and …/blobs/uploads/ with the trailing slash; a 308 to the bare path would
  // cost a round trip per request and re-send upload bodies.
  skipTrailingSlashRedirect: true,
};

export default config;
