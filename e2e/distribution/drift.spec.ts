import { buildImage } from '../../tests/support/oci-images';
import {
  createProjectWithRepos,
  expect,
  expectLatestRun,
  pushImage,
  registryDigest,
  test,
  toastWith,
  uniqueName,
} from '../support/fixtures';

test('shows a tag deleted at the target by hand as drift, and a repair brings it back', async ({ signedIn: page, api, registry, snap }) => {
  const { projectId } = await createProjectWithRepos(api);
  await pushImage({ projectId, repoName: 'images', image: 'app', tag: '1.0' }, buildImage([4000]));
  const namespace = uniqueName('drift');
  const dist = '/replication/api/remote/distribution';
  await api.post(`${dist}/create/${projectId}/images`, {
    configs: [{ name: 'mirror', registry: `http://${registry.registryHost}/${namespace}`, setting: {} }],
  });
  const [config] = await api.get<Array<{ taskKey: string }>>(`${dist}/info/${projectId}/images/mirror`);
  await api.post(`${dist}/run/${projectId}/images/mirror`);
  await expectLatestRun(api, config?.taskKey ?? '', 'SUCCESS');

  // Someone deletes the tag at the registry by hand.
  const digest = await registryDigest(registry.registryUrl, `${namespace}/app`, '1.0');
  expect(digest).not.toBeNull();
  const removed = await fetch(`${registry.registryUrl}/v2/${namespace}/app/manifests/${digest}`, { method: 'DELETE' });
  expect(removed.status).toBe(202);

  await page.goto(`/projects/${projectId}/images/configs`);
  const row = page.getByTestId('config-row-mirror');
  await expect(row.getByTestId('drift-cell')).toHaveCount(0);
  await expect(row).toContainText('never checked');
  await row.getByRole('link', { name: 'Edit' }).click();

  const drift = page.getByTestId('drift-section');
  await expect(drift).toContainText('Never checked');
  await drift.getByRole('button', { name: 'Verify now' }).click();
  await expect(toastWith(page, 'mirror: 1 out of sync')).toBeVisible();
  await expect(drift.getByTestId('drift-summary')).toContainText('1 out of sync');
  await expect(drift.getByRole('button', { name: 'Missing at target (1)' })).toBeVisible();
  await expect(drift.getByTestId('drift-item')).toHaveCount(1);
  await expect(drift.getByTestId('drift-item')).toContainText('app');
  await expect(drift.getByTestId('drift-item')).toContainText('1.0');
  await snap(page, 'config-drift');

  await page.goto(`/projects/${projectId}/images/configs`);
  await expect(page.getByTestId('config-row-mirror').getByTestId('drift-cell')).toContainText('1 out of sync');

  await page.getByTestId('config-row-mirror').getByRole('link', { name: 'Edit' }).click();
  await page.getByTestId('drift-section').getByRole('button', { name: 'Repair' }).click();
  await expect(toastWith(page, 'Repair of 1 artifact queued')).toBeVisible();
  await expect.poll(() => registryDigest(registry.registryUrl, `${namespace}/app`, '1.0'), { timeout: 30_000 }).toBe(digest);

  await page.getByTestId('drift-section').getByRole('button', { name: 'Verify now' }).click();
  await expect(toastWith(page, 'mirror is in sync')).toBeVisible();
  await expect(page.getByTestId('drift-section').getByTestId('drift-summary')).toContainText(/^in sync/);
  await expect(page.getByTestId('drift-section').getByRole('button', { name: 'Repair' })).toBeDisabled();
  await page.goto(`/projects/${projectId}/images/configs`);
  await expect(page.getByTestId('config-row-mirror').getByTestId('drift-cell')).toContainText(/^in sync/);
});
