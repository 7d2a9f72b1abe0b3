import type { Db } from '../db/client';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { checkPassword } from './check-password';
import type { PasswordThrottle } from './password-throttle';
import type { LoginInput } from './schemas';
import { createSession } from './sessions';

/** Checks the password (throttled per username + address) and opens a session. */
export async function signIn(db: Db, options: { input: LoginInput; address: string; throttle: PasswordThrottle; now: Date }) {
  const { input, address, throttle, now } = options;
  const user = await checkPassword(db, { username: input.username, password: input.password, address, throttle, now: now.getTime() });
  // One message for unknown users and wrong passwords, so the form does not reveal which users exist.
  if (!user) throw new AppError(ErrorCode.AUTH_FAILED, 'Wrong username or password', 'password');
  const session = await createSession(db, { userId: user.id, now });
  return { ...session, user: { userId: user.id, username: user.username } };
}
