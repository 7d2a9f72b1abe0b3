import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import type { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import type { LoginInput } from './schemas';
import { createSession } from './sessions';

/** Checks the password (throttled per username + address) and opens a session. */
export async function signIn(db: Db, options: { input: LoginInput; address: string; throttle: LoginThrottle; now: Date }) {
  const { input, address, throttle, now } = options;
  const wait = throttle.retryAfterMs(input.username, address, now.getTime());
  if (wait > 0) {
    throw new AppError(ErrorCode.TOO_MANY_REQUESTS, `Too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`, 'password');
  }
  const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
    throttle.recordFailure(input.username, address, now.getTime());
    // One message for unknown users and wrong passwords, so the form does not reveal which users exist.
    throw new AppError(ErrorCode.AUTH_FAILED, 'Wrong username or password', 'password');
  }
  throttle.recordSuccess(input.username, address);
  const session = await createSession(db, { userId: user.id, now });
  return { ...session, user: { userId: user.id, username: user.username } };
}
