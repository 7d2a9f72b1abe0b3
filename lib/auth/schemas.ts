import { z } from 'zod';
import { parseDateTimeInput } from '../time/local-time';

/** Project roles, weakest first: each includes the rights of those before it. */
export const projectRoles = ['VIEWER', 'MAINTAINER', 'PROJECT_ADMIN'] as const;
export type ProjectRole = (typeof projectRoles)[number];

/** READ tokens may only do what a VIEWER may; WRITE tokens up to their owner's role. */
const tokenAccesses = ['READ', 'WRITE'] as const;
type TokenAccess = (typeof tokenAccesses)[number];

/** What GET /repository/api/user/info answers: who the caller is and what it may do. */
export type UserInfo = {
  /** The record id (as before roles existed). */
  userId: string;
  /** The login name: the userId of the user, member and audit APIs. */
  username: string;
  name: string;
  admin: boolean;
  /** Sorted by projectId; administrators need none. */
  roles: { projectId: string; role: ProjectRole }[];
  /** Set when the caller is an API token: its scope narrows the owner's rights. */
  token: { projectId: string | null; access: TokenAccess } | null;
};

/** Body of POST /repository/api/user/password (any signed-in user, for itself). */
export const changePasswordSchema = z.object({
  oldPassword: z.string().min(1, 'enter your current password').max(1024),
  newPassword: z.string().min(8, 'at least 8 characters').max(1024),
});
export type ChangePasswordInput = z.output<typeof changePasswordSchema>;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(64, 'at most 64 characters'),
  expiresAt: z
    .string()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const date = parseDateTimeInput(value);
      if (date) return date;
      ctx.addIssue({ code: 'custom', message: 'must be a date-time like 2030-01-01T00:00:00' });
      return z.NEVER;
    }),
  /** Null or absent: every project the owner may see. */
  projectId: z
    .string()
    .max(100)
    .nullish()
    .transform((v) => v || undefined),
  access: z.enum(tokenAccesses).optional(),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

export type ApiTokenInfo = {
  id: string;
  name: string;
  tokenPrefix: string;
  createdDate: string | null;
  expiredDate: string | null;
  lastUsedDate: string | null;
  /** Null: all the owner's projects. */
  projectId: string | null;
  access: TokenAccess;
};

/** Body of POST /repository/api/auth/login (and the sign-in form). */
export const loginSchema = z.object({
  username: z.string().trim().min(1, 'enter your username').max(256),
  password: z.string().min(1, 'enter your password').max(1024),
});
export type LoginInput = z.output<typeof loginSchema>;

/** What GET /repository/api/auth/session answers; csrfToken only for cookie sessions. */
export type SessionInfo = { userId: string; username: string; csrfToken: string | null };
