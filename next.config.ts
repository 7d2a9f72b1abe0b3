import type { NextConfig } from 'next';

const config: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg'],
  poweredByHeader: false,
  // OCI clients call /v2/ and …/blobs/uploads/ with the trailing slash; a 308 to the bare path would
  // cost a round trip per request and re-send upload bodies.
  skipTrailingSlashRedirect: true,
  // The container image (Dockerfile) builds with FERRY_BUILD_OUTPUT=standalone: a self-contained
  // server.js with only the node_modules it needs. Not by default, since `next start` warns on it.
  ...(process.env.FERRY_BUILD_OUTPUT === 'standalone' ? { output: 'standalone' as const } : {}),
};

export default config;
