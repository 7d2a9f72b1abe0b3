// Opens, migrates and bootstraps the database at server start (so the first admin password is
// printed before any request, and a broken database stops the server instead of serving 500s),
// then starts the replication runner unless FERRY_RUNNER=off.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installNodeServerPatches } = await import('./lib/http/node-server-patches');
  installNodeServerPatches();
  const { getDb } = await import('./lib/db/client');
  try {
    await getDb();
  } catch (error) {
    console.error('[ferry] cannot open the database; stopping.', error);
    process.exit(1);
  }
  const { startConfiguredRunner } = await import('./lib/runner/start-runner');
  await startConfiguredRunner();
}
