import { buildImage } from '../../tests/support/oci-images';
import { addChips, createProjectWithRepos, expect, pushImage, registryDigest, test, toastWith, uniqueName } from '../support/fixtures';

test('creates and executes a run-once image task with target tags; the live status reaches SUCCESS and the registry has the tags', async ({
  signedIn: page,
  api,
  registry,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  const image = buildImage([512 * 1024, 256 * 1024]);
  await pushImage({ projectId, repoName: 'images', image: 'nginx', tag: '1.25' }, image);
  const namespace = uniqueName('e2e');
  await page.goto(`/projects/${projectId}/images/tasks`);
  await expect(page.getByText('No run-once tasks')).toBeVisible();
  await page.getByRole('link', { name: 'New run-once task' }).click();

  await page.getByLabel('Name', { exact: true }).fill('release_push');
  await page.getByLabel('Image', { exact: true }).fill('nginx');
  await addChips(page.getByLabel('Tags to copy'), ['1.25', '1.26']);
  await addChips(page.getByLabel('Target tags (optional)'), ['prod', 'stable']);
  await page.getByLabel('Registry', { exact: true }).fill(`http://${registry.registryHost}/${namespace}`);
  await page.getByRole('button', { name: 'Create task' }).click();
  // The API's rule, applied in the browser: target tags need exactly one source tag.
  await expect(page.getByText('only allowed when versions has exactly one element')).toBeVisible();
  await page.getByRole('button', { name: 'Remove tag 1.26' }).click();
  await snap(page, 'run-once-form');
  await page.getByRole('button', { name: 'Create task' }).click();
  await expect(toastWith(page, 'Run-once task release_push created')).toBeVisible();

  await expect(page).toHaveURL(/\/tasks\/release_push$/);
  await expect(page.getByText('nginx 1.25 → prod, stable')).toBeVisible();
  await expect(page.getByText('Not executed yet')).toBeVisible();
  await page.getByRole('button', { name: 'Execute' }).click();
  await expect(toastWith(page, 'release_push started')).toBeVisible();
  // The page polls by itself: no reload between RUNNING and SUCCESS.
  await expect(page.getByTestId('run-status')).toHaveText('SUCCESS', { timeout: 30_000 });
  await expect(page.getByTestId('item-counts')).toContainText('copied');
  await expect(page.getByLabel('Bytes copied')).toHaveAttribute('aria-valuenow', /\d+/);
  await expect(page.getByTestId('artifact-row').first().locator('[data-status]')).toHaveText('SUCCESS');
  await expect(page.getByTestId('artifact-row').first()).toContainText('1.25 →');
  await expect(page.getByTestId('artifact-row').first()).toContainText('100%');
  await snap(page, 'run-once-status');

  for (const target of ['prod', 'stable']) {
    expect(await registryDigest(registry.registryUrl, `${namespace}/nginx`, target)).toBe(image.manifest.digest);
  }
  expect(await registryDigest(registry.registryUrl, `${namespace}/nginx`, '1.25')).toBeNull();

  await page.getByRole('link', { name: 'Run detail' }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByTestId('artifact-row').first()).toContainText('nginx');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await snap(page, 'run-detail');

  await page.goto(`/projects/${projectId}/images/tasks`);
  const row = page.getByTestId('task-row-release_push');
  await expect(row).toContainText('nginx 1.25 → prod, stable');
  await expect(row).toContainText(registry.registryHost);
  await expect(row.locator('[data-status]')).toHaveText('SUCCESS');
  await snap(page, 'run-once-list');
});

test('a failed run shows its failed artifacts, retries only those, and appears among recent failures', async ({
  signedIn: page,
  api,
  registry,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  await pushImage({ projectId, repoName: 'images', image: 'app', tag: '1.0' }, buildImage([64 * 1024]));
  await api.post(`/replication/api/remote/distribution/create/runOnceTask/${projectId}/images`, {
    name: 'partly_missing',
    registry: `http://${registry.registryHost}/${uniqueName('e2e')}`,
    packageName: 'app',
    versions: ['1.0', '9.9'],
  });
  await page.goto(`/projects/${projectId}/images/tasks/partly_missing`);
  await page.getByRole('button', { name: 'Execute' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('FAILED', { timeout: 30_000 });
  await page.getByRole('link', { name: 'Run detail' }).click();
  await expect(page.getByTestId('artifact-row')).toHaveCount(2);

  await page.getByLabel('Show artifacts').click();
  await page.getByRole('option', { name: 'Failed only' }).click();
  const failed = page.getByTestId('artifact-row');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('9.9');
  await expect(failed.locator('[data-status]')).toHaveText('FAILED');
  await snap(page, 'run-detail-failed');

  const firstRun = page.url();
  await page.getByRole('button', { name: 'Retry failed' }).click();
  await expect(toastWith(page, 'Failed artifacts queued to retry')).toBeVisible();
  await expect(page).not.toHaveURL(firstRun);
  // The retry copies only the failed artifact again (and it fails again: the tag does not exist).
  await expect(page.locator('.card [data-status]').first()).toHaveText('FAILED', { timeout: 30_000 });
  await expect(page.getByTestId('artifact-row')).toHaveCount(1);
  await expect(page.getByTestId('artifact-row')).toContainText('9.9');

  await page.goto('/');
  const failures = page.getByRole('region', { name: 'Recent failures' });
  await expect(failures).toContainText('partly_missing');
  await snap(page, 'overview-failures');
});

test('deletes a task that is not running, after confirmation', async ({ signedIn: page, api }) => {
  const { projectId } = await createProjectWithRepos(api);
  await api.post(`/replication/api/remote/distribution/create/runOnceTask/${projectId}/images`, {
    name: 'old_push',
    registry: 'registry.example.com/library',
    packageName: 'nginx',
    versions: ['1.0'],
  });
  await page.goto(`/projects/${projectId}/images/tasks`);
  await page.getByRole('button', { name: 'Delete old_push' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete task' }).click();
  await expect(toastWith(page, 'Task old_push deleted')).toBeVisible();
  await expect(page.getByText('No run-once tasks')).toBeVisible();
});

test('pages through run-once tasks and filters them by name and status on the server', async ({ signedIn: page, api }) => {
  const { projectId } = await createProjectWithRepos(api);
  for (let k = 1; k <= 22; k += 1) {
    await api.post(`/replication/api/remote/distribution/create/runOnceTask/${projectId}/images`, {
      name: `task_${String(k).padStart(2, '0')}`,
      registry: 'registry.example.com/library',
      packageName: 'nginx',
      versions: ['1.25'],
    });
  }
  await page.goto(`/projects/${projectId}/images/tasks`);
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText('Page 1 of 2 · 22 tasks');
  await expect(page.getByTestId('task-row-task_20')).toBeVisible();
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('task-row-task_22')).toBeVisible();
  await expect(page.getByTestId('task-row-task_01')).toHaveCount(0);

  await page.getByLabel('Filter tasks').fill('task_0');
  await expect(page.getByText('9 tasks')).toBeVisible();
  // Never executed: no task's last run failed.
  await page.getByLabel('Status').click();
  await page.getByRole('option', { name: 'Failed' }).click();
  await expect(page.getByText('No task matches the filter.')).toBeVisible();
});
