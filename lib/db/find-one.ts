import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';

/** The row of `table` that `where` picks (by a unique key), or undefined. */
export async function findOne<T extends PgTable>(db: Db, table: T, where: SQL | undefined): Promise<T['$inferSelect'] | undefined> {
  const rows = (await db
    .select()
    .from(table as PgTable)
    .where(where)
    .limit(1)) as T['$inferSelect'][];
  return rows[0];
}
