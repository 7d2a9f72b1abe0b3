import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { auditColumns } from './projects';

export const clusterNodes = pgTable('cluster_nodes', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  url: text('url').notNull(),
  username: text('username'),
  // AES-256-GCM envelope from lib/crypto/secret-box; never leaves the server.
  passwordEncrypted: text('password_encrypted'),
  certificate: text('certificate'),
  type: text('type', { enum: ['STANDALONE', 'EDGE', 'CENTER'] }).notNull(),
  status: text('status', { enum: ['HEALTHY', 'UNHEALTHY'] }),
  errorReason: text('error_reason'),
  lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
  ...auditColumns,
});
