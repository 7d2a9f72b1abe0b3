import { z } from 'zod';

/** bk-repo's user id is the login name. */
const USER_ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,63}$/;

const password = z.string().min(8, 'at least 8 characters').max(1024, 'at most 1024 characters');
const displayName = z.string().trim().max(100, 'at most 100 characters');

/** Body of POST /repository/api/user/create. */
export const createUserSchema = z.object({
  userId: z.string().regex(USER_ID, 'must start with a letter or digit, then 1-63 letters, digits, ., _ or -'),
  name: displayName,
  password,
  admin: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});

/** Body of POST /repository/api/user/update/{userId}: only what is sent changes. */
export const updateUserSchema = z.object({
  name: displayName.nullish().transform((v) => v ?? undefined),
  admin: z
    .boolean()
    .nullish()
    .transform((v) => v ?? undefined),
  locked: z
    .boolean()
    .nullish()
    .transform((v) => v ?? undefined),
  password: password.nullish().transform((v) => v ?? undefined),
});

/** Body of POST /repository/api/user/password (for oneself). */
export const changePasswordSchema = z.object({
  oldPassword: z.string().min(1, 'enter your current password').max(1024),
  newPassword: password,
});

export type UserInfo = { userId: string; name: string; admin: boolean; locked: boolean; createdDate: string | null };

/** GET /repository/api/user/info. */
export type CallerInfo = {
  userId: string;
  username: string;
  name: string;
  admin: boolean;
  roles: { projectId: string; role: 'VIEWER' | 'MAINTAINER' | 'PROJECT_ADMIN' }[];
  token: { projectId: string | null; access: 'READ' | 'WRITE' } | null;
};

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
