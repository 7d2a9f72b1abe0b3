import { pushImageToFerry } from '../../tests/support/artifacts';
import { buildImage } from '../../tests/support/oci-images';
import { createProjectWithRepos, expect, pushImage, registryDigest, test, uniqueName } from '../support/fixtures';

test('previews an unsaved config: what a run would copy, skip and move, without saving or copying anything', async ({
  signedIn: page,
  api,
  registry,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  const fresh = buildImage([400_000]);
  const there = buildImage([100_000]);
  await pushImage({ projectId, repoName: 'images', image: 'web', tag: '1.0' }, fresh);
  await pushImage({ projectId, repoName: 'images', image: 'web', tag: '2.0' }, there);
  // web:2.0 is at the target already (same digest): a skip.
  const namespace = uniqueName('ns');
  await pushImageToFerry(registry.registryUrl, { projectId: 'e2e', repoName: namespace, image: 'web', tag: '2.0' }, there);

  await page.goto(`/projects/${projectId}/images/configs/new`);
  await page.getByLabel('Name', { exact: true }).fill('preview_me');
  await page.getByLabel('Registry', { exact: true }).fill(`${registry.registryUrl}/e2e/${namespace}`);
  await page.getByRole('radio', { name: /On a schedule \(cron\)/ }).check();
  await page.getByLabel('Cron expression').fill('0 0 2 * * ?');
  await page.getByRole('button', { name: 'Preview' }).click();

  const dialog = page.getByRole('dialog', { name: 'What a run would do now' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('plan-group-COPY')).toContainText('web:1.0');
  await expect(dialog.getByTestId('plan-group-SKIP')).toContainText('web:2.0');
  await expect(dialog.getByTestId('plan-totals')).toContainText('2 (1 to copy, 0 in conflict, 1 already there)');
  await expect(dialog.getByTestId('plan-bytes')).toContainText(/^39\d KB of 4\d\d KB$/);
  await expect(dialog.getByTestId('plan-estimate')).toContainText('no rate limit');
  await expect(dialog.getByTestId('plan-partial')).toHaveCount(0);
  await snap(page, 'plan-preview');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // A preview neither saves the config nor copies: the form is still open, the target unchanged.
  await expect(page).toHaveURL(/\/configs\/new$/);
  expect(await api.get<unknown[]>(`/replication/api/remote/distribution/info/${projectId}/images/preview_me`)).toEqual([]);
  expect(await registryDigest(registry.registryUrl, `e2e/${namespace}/web`, '1.0')).toBeNull();

  // An invalid form is checked before asking the server, as Save checks it.
  await page.getByLabel('Registry', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.locator('[data-field-error]').first()).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('warns in the cron preview when past runs outlast the schedule', async ({ signedIn: page, api, registry }) => {
  const { projectId } = await createProjectWithRepos(api);
  await pushImage({ projectId, repoName: 'images', image: 'slow', tag: '1' }, buildImage([300_000]));
  // 300 KB at 100 KB/s: a run of about 3 s, right after saving.
  await api.post(`/replication/api/remote/distribution/create/${projectId}/images`, {
    configs: [
      {
        name: 'slow_one',
        registry: `${registry.registryUrl}/${uniqueName('slow')}`,
        replicaType: 'SCHEDULED',
        setting: { rateLimit: 100_000 },
      },
    ],
  });
  const [config] = await api.get<Array<{ taskKey: string }>>(`/replication/api/remote/distribution/info/${projectId}/images/slow_one`);
  await expect
    .poll(
      async () =>
        (await api.get<{ records: Array<{ status: string }> }>(`/replication/api/execution/list/${config?.taskKey}`)).records[0]?.status,
      {
        timeout: 30_000,
      },
    )
    .toBe('SUCCESS');

  await page.goto(`/projects/${projectId}/images/configs/slow_one`);
  await page.getByRole('radio', { name: /On a schedule \(cron\)/ }).check();
  await page.getByLabel('Cron expression').fill('* * * * * ?');
  await expect(page.getByTestId('cron-sanity')).toContainText(
    /^runs take ~\d+ s; this schedule fires every 1 s — (\d+) of (\d+) fires would be skipped$/,
  );
  await page.getByLabel('Cron expression').fill('0 0 2 * * ?');
  await expect(page.getByTestId('cron-description')).toContainText('02:00');
  await expect(page.getByTestId('cron-sanity')).toHaveCount(0);
});
