import { z } from 'zod';

/** A login name: the userId of the user, member and audit APIs. */
const USER_ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,63}$/;

const password = z.string().min(8, 'at least 8 characters').max(1024);

/** Body of POST /repository/api/user/create (administrators only). */
export const createUserSchema = z.object({
  userId: z.string().regex(USER_ID, 'must start with a letter or digit, then 1-63 letters, digits, ., _ or -'),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  password,
  admin: z.boolean().optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

/** Body of POST /repository/api/user/update/{userId}: only the fields present change. */
export const updateUserSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100).optional(),
  admin: z.boolean().optional(),
  locked: z.boolean().optional(),
  password: password.optional(),
});
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** A row of GET /repository/api/user/list, and what create/update answer. */
export type UserRecord = { userId: string; name: string; admin: boolean; locked: boolean; createdDate: string | null };
