import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { AppError } from '../http/app-error';
import { ErrorCode } from '../http/error-codes';
import { checkPassword } from './check-password';
import type { PasswordThrottle } from './password-throttle';
import type { LoginInput } from './schemas';
import { createSession } from './sessions';

type SignInOptions = { input: LoginInput; address: string; throttle: PasswordThrottle; now: Date; traceId: string };

/** Checks the password (throttled per username + address) and opens a session; audits both outcomes. */
export async function signIn(db: Db, options: SignInOptions) {
  try {
    const session = await checkAndOpenSession(db, options);
    await recordLogin(db, options, 'OK');
    return session;
  } catch (error) {
    await recordLogin(db, options, 'DENIED', error instanceof AppError ? error.message : 'internal error');
    throw error;
  }
}

function recordLogin(db: Db, options: SignInOptions, outcome: 'OK' | 'DENIED', error?: string): Promise<void> {
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

async function checkAndOpenSession(db: Db, options: SignInOptions) {
  const { input, address, throttle, now } = options;
  const user = await checkPassword(db, { username: input.username, password: input.password, address, throttle, now: now.getTime() });
  // One message for unknown users, wrong passwords and locked users, so the form does not reveal which users exist.
  if (!user) throw new AppError(ErrorCode.AUTH_FAILED, 'Wrong username or password', 'password');
  const session = await createSession(db, { userId: user.id, now });
  return { ...session, user: { userId: user.id, username: user.username } };
}
