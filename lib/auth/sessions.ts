import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { userSessions, users } from '../db/schema';
import { hasUnstorableText } from '../http/text-guards';
import type { Principal } from './authenticate';

/** The admin UI's session cookie; its value is a 256-bit random secret, only its sha256 is stored. */
export const SESSION_COOKIE = 'ferry_session';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const hashSessionSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export type Session = { principal: Principal; csrfToken: string; expiresAt: Date };

/** Starts a session; the secret goes into the cookie, the csrf token to the page (double submit). */
export async function createSession(
  db: Db,
  options: { userId: string; now: Date },
): Promise<{ secret: string; csrfToken: string; expiresAt: Date }> {
  const secret = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(options.now.getTime() + SESSION_TTL_MS);
  // Expired rows are useless; sweeping them on sign-in keeps the table small without a job.
  await db.delete(userSessions).where(lt(userSessions.expiresAt, options.now));
  await db
    .insert(userSessions)
    .values({ id: hashSessionSecret(secret), userId: options.userId, csrfToken, expiresAt, createdAt: options.now });
  return { secret, csrfToken, expiresAt };
}

export async function findSession(db: Db, secret: string, now: Date): Promise<Session | null> {
  const [row] = await db
    .select({
      userId: users.id,
      username: users.username,
      admin: users.admin,
      csrfToken: userSessions.csrfToken,
      expiresAt: userSessions.expiresAt,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, hashSessionSecret(secret)), gt(userSessions.expiresAt, now), eq(users.locked, false)))
    .limit(1);
  if (!row) return null;
  return {
    principal: { userId: row.userId, username: row.username, via: 'session', admin: row.admin, token: null },
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

export async function deleteSession(db: Db, secret: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.id, hashSessionSecret(secret)));
}

/** Ends every session of a user (lock, password change), except the one whose secret is kept. */
export async function endUserSessions(db: Db, userId: string, keepSecret?: string): Promise<void> {
  const keep = keepSecret ? ne(userSessions.id, hashSessionSecret(keepSecret)) : undefined;
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), keep));
}

export function csrfTokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eqAt = part.indexOf('=');
    if (eqAt < 0) continue;
    if (part.slice(0, eqAt).trim() !== name) continue;
    // A cookie that does not decode (or holds what the database cannot store) is ignored, as if absent.
    try {
      const value = decodeURIComponent(part.slice(eqAt + 1).trim());
      return hasUnstorableText(value) ? undefined : value;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** httpOnly, SameSite=Lax, and Secure whenever the browser reached us over https (directly or via a proxy). */
export function sessionCookie(request: Request, value: string, expiresAt: Date | null): string {
  const https = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (expiresAt) parts.push(`Expires=${expiresAt.toUTCString()}`);
  else parts.push('Max-Age=0');
  if (https) parts.push('Secure');
  return parts.join('; ');
}
