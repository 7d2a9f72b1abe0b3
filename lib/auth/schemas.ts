import { z } from 'zod';
import { toOptionalDateTime } from '../time/local-time';

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(64, 'at most 64 characters'),
  expiresAt: z.string().nullish().transform(toOptionalDateTime),
  /** Narrows the token to one project; absent = every project its owner may see. */
  projectId: z
    .string()
    .trim()
    .max(100)
    .nullish()
    .transform((v) => v || null),
  /** READ = VIEWER-level actions only; WRITE (default) = up to the owner's role. */
  access: z
    .enum(['READ', 'WRITE'])
    .nullish()
    .transform((v) => v ?? 'WRITE'),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

export type ApiTokenInfo = {
  id: string;
  name: string;
  tokenPrefix: string;
  createdDate: string | null;
  expiredDate: string | null;
  lastUsedDate: string | null;
  projectId: string | null;
  access: 'READ' | 'WRITE';
};

/** Body of POST /repository/api/auth/login (and the sign-in form). */
export const loginSchema = z.object({
  username: z.string().trim().min(1, 'enter your username').max(256),
  password: z.string().min(1, 'enter your password').max(1024),
});
export type LoginInput = z.output<typeof loginSchema>;

/** What GET /repository/api/auth/session answers; csrfToken only for cookie sessions. */
export type SessionInfo = { userId: string; username: string; csrfToken: string | null };
