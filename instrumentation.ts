// Opens, migrates and seeds the database at server start (so the first admin password is printed
// before any request, and a broken database stops the server instead of serving 500s), then
// starts the replication runner unless FERRY_RUNNER=off.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startFerry } = await import('./lib/server/start-ferry');
  const { describeError, log } = await import('./lib/http/log');
  try {
    await startFerry({ role: 'web' });
  } catch (error) {
    const message = 'cannot start (bad environment, database unreachable, migrations failed or FERRY_METRICS_PORT taken); stopping';
    try {
      log('error', message, { error: describeError(error) });
    } catch {
      // The environment itself is invalid, so log() cannot read its level: say it plainly.
      console.error(`[ferry] ${message}: ${describeError(error).message}`);
    }
    process.exit(1);
  }
}
