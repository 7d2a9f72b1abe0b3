import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../http/app-error';
import type { PasswordThrottle } from './password-throttle';
import { dummyPasswordHash, verifyPassword } from './passwords';

export type UserRow = typeof users.$inferSelect;

/**
 * The one place a password is checked (sign-in form and HTTP Basic alike): refused with 429 while
 * the throttle holds this username + address back, then verified with argon2 (an unknown user
 * against a dummy hash, so both take as long). Answers the user, or null for wrong credentials.
 */
export async function checkPassword(
  db: Db,
  options: {
    username: string;
    password: string;
    address: string;
    throttle: PasswordThrottle;
    now: number;
    /** Id of the user these exact credentials were verified for moments ago (Basic cache): skips argon2, not the throttle. */
    rememberedUserId?: string;
  },
): Promise<UserRow | null> {
  const { username, password, address, throttle, now, rememberedUserId } = options;
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const attempt = { username, address, known: Boolean(user) };
  const wait = throttle.retryAfterMs(attempt, now);
  if (wait > 0) throw AppError.tooManyRequests(`Too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`, wait, 'password');
  const valid =
    user && rememberedUserId === user.id ? true : await verifyPassword(user ? user.passwordHash : await dummyPasswordHash(), password);
  if (user && valid) {
    throttle.recordSuccess(attempt);
    return user;
  }
  throttle.recordFailure(attempt, now);
  return null;
}
