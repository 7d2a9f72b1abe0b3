import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import { env } from '../env';
import { log } from '../http/log';
import { newRecordId } from '../ids/new-id';
import { hashPassword } from './passwords';

/** First start: create `admin` with FERRY_ADMIN_PASSWORD, or a generated password printed once. */
export async function bootstrapAdmin(db: Database): Promise<void> {
  const existing = await db.select({ id: users.id }).from(users).limit(1);
  if (existing.length > 0) return;
  const configured = env().FERRY_ADMIN_PASSWORD;
  const password = configured ?? randomBytes(12).toString('base64url');
  const inserted = await db
    .insert(users)
    .values({ id: newRecordId(), username: 'admin', name: 'Administrator', admin: true, passwordHash: await hashPassword(password) })
    .onConflictDoNothing()
    .returning({ id: users.id });
  // Another instance on the same database may have won the race; only the winner speaks.
  if (inserted.length === 0) return;
  if (configured) {
    log('info', 'created user "admin" with the password from FERRY_ADMIN_PASSWORD', { username: 'admin' });
  } else {
    // The one secret Ferry ever prints, on purpose: nobody could sign in otherwise.
    log('warn', 'created user "admin" with a generated password, shown only this once: sign in and keep it safe', {
      username: 'admin',
      password,
    });
  }
}
