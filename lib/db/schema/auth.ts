import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { projects } from './projects';

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  name: text('name').notNull().default(''),
  /** System administrators pass every check; the migration made every user that existed before roles one. */
  admin: boolean('admin').notNull().default(false),
  /** A locked user's password, sessions and tokens stop working at once. */
  locked: boolean('locked').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Only a sha256 of each token is kept; tokens are 256-bit random, so a slow hash adds nothing.
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    tokenPrefix: text('token_prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** Null: every project the owner may see; else only this one. */
    projectName: text('project_name').references(() => projects.name, { onDelete: 'cascade' }),
    access: text('access', { enum: ['READ', 'WRITE'] })
      .notNull()
      .default('WRITE'),
  },
  (t) => [uniqueIndex('api_tokens_user_name').on(t.userId, t.name)],
);

/** Browser sessions of the admin UI; only a sha256 of the cookie value is kept. */
export const userSessions = pgTable('user_sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const projectRoles = ['VIEWER', 'MAINTAINER', 'PROJECT_ADMIN'] as const;

/** Who may do what in a project; administrators need no row. */
export const projectMembers = pgTable(
  'project_members',
  {
    projectName: text('project_name')
      .notNull()
      .references(() => projects.name, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: projectRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectName, t.userId] })],
);

/**
 * Failed password checks, counted per username + client address and per username from every
 * address (address '*'); shared by every instance on the database (lib/auth/password-throttle.ts).
 * `known` says whether the username existed, so a flood of junk usernames is pruned first.
 */
export const authFailures = pgTable(
  'auth_failures',
  {
    /** Lowercased. */
    username: text('username').notNull(),
    /** The throttle's address key (an IPv6 address counts by its /64), or '*' for all addresses. */
    address: text('address').notNull(),
    known: boolean('known').notNull(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.address] }), index('auth_failures_known_last').on(t.known, t.lastFailureAt)],
);
