import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import type { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import type { LoginInput } from './schemas';
import { createSession } from './sessions';

/** Checks the password (throttled per username + address) and opens a session; audits both outcomes. */
export async function signIn(db: Db, options: { input: LoginInput; address: string; throttle: LoginThrottle; now: Date; traceId: string }) {
  try {
    const session = await checkAndOpenSession(db, options);
    await recordLogin(db, options, 'OK');
    return session;
  } catch (error) {
    await recordLogin(db, options, 'DENIED', error instanceof AppError ? error.message : 'internal error');
    throw error;
  }
}

function recordLogin(
  db: Db,
  options: { input: LoginInput; address: string; now: Date; traceId: string },
  outcome: 'OK' | 'DENIED',
  error?: string,
): Promise<void> {
  return recordAudit(db, {
    userId: options.input.username,
    address: options.address,
    action: 'auth.login',
    resource: `user/${options.input.username}`,
    outcome,
    detail: error ? { error } : {},
    traceId: options.traceId,
    time: options.now,
  });
}

async function checkAndOpenSession(db: Db, options: { input: LoginInput; address: string; throttle: LoginThrottle; now: Date }) {
  const { input, address, throttle, now } = options;
  const wait = throttle.retryAfterMs(input.username, address, now.getTime());
  if (wait > 0) {
    throw new AppError(ErrorCode.TOO_MANY_REQUESTS, `Too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`, 'password');
  }
  const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
  // A locked user's right password fails like a wrong one.
  if (!user || !(await verifyPassword(user.passwordHash, input.password)) || user.locked) {
    throttle.recordFailure(input.username, address, now.getTime());
    // One message for unknown users and wrong passwords, so the form does not reveal which users exist.
    throw new AppError(ErrorCode.AUTH_FAILED, 'Wrong username or password', 'password');
  }
  throttle.recordSuccess(input.username, address);
  const session = await createSession(db, { userId: user.id, now });
  return { ...session, user: { userId: user.id, username: user.username } };
}
