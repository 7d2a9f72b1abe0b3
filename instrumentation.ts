// Opens, migrates and bootstraps the database at server start, so the first admin password is
// printed before any request and a broken DATABASE_URL fails the start, not the first call.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getDb } = await import('./lib/db/client');
  await getDb();
}
