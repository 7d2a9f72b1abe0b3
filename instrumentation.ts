// Opens, migrates and seeds the database at server start (so the first admin password is printed
// before any request, and a broken database stops the server instead of serving 500s), then
// starts the replication runner unless FERRY_RUNNER=off.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startFerry } = await import('./lib/server/start-ferry');
  try {
    await startFerry({ role: 'web' });
  } catch (error) {
    console.error('[ferry] cannot start (database unreachable or migrations failed); stopping.', error);
    process.exit(1);
  }
}
