import { buildImage } from '../../tests/support/oci-images';
import { createProjectWithRepos, expect, pushImage, registryDigest, test, toastWith, uniqueName } from '../support/fixtures';

/** A cron firing about 20 minutes from now in the server's zone: the earliest of the suite's schedules. */
function cronSoon(): string {
  const soon = new Date(Date.now() + 20 * 60_000);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(soon);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `0 ${part('minute')} ${part('hour')} * * ?`;
}

test('a rate-limited run shows live progress on the overview and its page, and is cancelled from the run page', async ({
  signedIn: page,
  api,
  registry,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  await pushImage({ projectId, repoName: 'images', image: 'big', tag: '1.0' }, buildImage([30 * 1024 * 1024]));
  const namespace = uniqueName('e2e');
  await api.post(`/replication/api/remote/distribution/create/${projectId}/images`, {
    configs: [
      {
        name: 'slow_push',
        registry: `http://${registry.registryHost}/${namespace}`,
        replicaType: 'SCHEDULED',
        packageConstraints: [{ packageName: 'big', versions: ['1.0'] }],
        setting: {
          rateLimit: 1024 * 1024,
          executionStrategy: 'CRON_EXPRESSION',
          executionPlan: { cronExpression: cronSoon() },
        },
      },
    ],
  });
  await page.goto(`/projects/${projectId}/images/configs`);
  await page.getByTestId('config-row-slow_push').getByRole('button', { name: 'Run now' }).click();
  await expect(toastWith(page, 'slow_push queued to run now')).toBeVisible();

  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Runs in progress' })).toContainText('slow_push');
  await expect(page.getByRole('region', { name: 'Next scheduled runs' })).toContainText('slow_push');
  await snap(page, 'overview-running');

  const [config] = await api.get<{ lastExecution: { id: string } | null }[]>(
    `/replication/api/remote/distribution/info/${projectId}/images/slow_push`,
  );
  const runId = config?.lastExecution?.id ?? '';
  expect(runId).not.toBe('');
  await page.goto(`/runs/${runId}`);
  const status = page.locator('.card [data-status]').first();
  await expect(status).toHaveText('RUNNING', { timeout: 15_000 });
  // Rates come from successive polls of the byte count: at 1 MB/s, the 30 MB layer takes ~30 s.
  await expect(page.getByText(/Throughput: [\d.]+ (B|KB|MB)\/s/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/ETA: \d/)).toBeVisible();
  await expect(page.getByText(/ MB of 30 MB$/)).toBeVisible();
  await expect(page.getByText('Now copying: big:1.0')).toBeVisible();
  await expect(page.getByTestId('artifact-row').locator('[data-status]')).toHaveText('RUNNING');
  await snap(page, 'run-live');

  await page.getByRole('button', { name: 'Cancel run' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Cancel this run?');
  await confirm.getByRole('button', { name: 'Cancel run' }).click();
  await expect(toastWith(page, 'Run cancelled')).toBeVisible();
  await expect(status).toHaveText('CANCELLED');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  const info = await api.get<{ status: string; progress: { doneBytes: number; totalBytes: number } }>(
    `/replication/api/execution/info/${runId}`,
  );
  expect(info.status).toBe('CANCELLED');
  expect(info.progress.doneBytes).toBeLessThan(info.progress.totalBytes);
  expect(await registryDigest(registry.registryUrl, `${namespace}/big`, '1.0')).toBeNull();
  await snap(page, 'run-cancelled');
});
