import { z } from 'zod';
import { parseDateTimeInput } from '../time/local-time';

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
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

export type ApiTokenInfo = {
  id: string;
  name: string;
  tokenPrefix: string;
  createdDate: string | null;
  expiredDate: string | null;
  lastUsedDate: string | null;
};
