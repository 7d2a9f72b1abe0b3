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
 * against a dummy hash, so both take as long). Answers the user, or null for wrong credentials
 * and locked users.
 */
export async function checkPassword(
  db: Db,
  options: {
    username: string;
    password: string;
    address: string;
    throttle: PasswordThrottle;
    now: number;
    /**
     * The user these exact credentials were verified for moments ago (Basic cache), with its hash
     * then: skips argon2 (not the throttle) while that hash is still the stored one.
     */
    remembered?: { userId: string; passwordHash: string };
  },
): Promise<UserRow | null> {
  const { username, password, address, throttle, now, remembered } = options;
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const attempt = { username, address, known: Boolean(user) };
  const wait = await throttle.retryAfterMs(db, attempt, now);
  if (wait > 0) throw AppError.tooManyRequests(`Too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`, wait, 'password');
  const isRemembered = !!user && remembered?.userId === user.id && remembered.passwordHash === user.passwordHash;
  const valid = isRemembered || (await verifyPassword(user ? user.passwordHash : await dummyPasswordHash(), password));
  // A locked user's right password fails like a wrong one (sign-in form and Basic alike).
  if (user && valid && !user.locked) {
    await throttle.recordSuccess(db, attempt);
    return user;
  }
  await throttle.recordFailure(db, attempt, now);
  return null;
}
