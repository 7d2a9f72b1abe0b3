import { createProjectWithRepos, expect, test, toastWith } from '../support/fixtures';

test('creates and executes a run-once image task with target tags and shows its live status', async ({ signedIn: page, api, snap }) => {
  const { projectId } = await createProjectWithRepos(api);
  await page.goto(`/projects/${projectId}/images/tasks`);
  await expect(page.getByText('No run-once tasks')).toBeVisible();
  await page.getByRole('link', { name: 'New run-once task' }).click();

  await page.getByLabel('Name', { exact: true }).fill('release_push');
  await page.getByLabel('Image', { exact: true }).fill('nginx');
  const tags = page.getByLabel('Tags to copy');
  await tags.fill('1.25');
  await tags.press('Enter');
  await tags.fill('1.26');
  await tags.press('Enter');
  const targets = page.getByLabel('Target tags (optional)');
  await targets.fill('prod');
  await targets.press('Enter');
  await page.getByLabel('Registry', { exact: true }).fill('127.0.0.1:9/library');
  await page.getByRole('button', { name: 'Create task' }).click();
  // The API's rule, applied in the browser: target tags need exactly one source tag.
  await expect(page.getByText('only allowed when versions has exactly one element')).toBeVisible();
  await page.getByRole('button', { name: 'Remove tag 1.26' }).click();
  await snap(page, 'run-once-form');
  await page.getByRole('button', { name: 'Create task' }).click();
  await expect(toastWith(page, 'Run-once task release_push created')).toBeVisible();

  await expect(page).toHaveURL(/\/tasks\/release_push$/);
  await expect(page.getByText('nginx 1.25 → prod')).toBeVisible();
  await expect(page.getByText('Not executed yet')).toBeVisible();
  await page.getByRole('button', { name: 'Execute' }).click();
  await expect(toastWith(page, 'release_push started')).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText(/RUNNING|SUCCESS|FAILED/);
  await expect(page.getByTestId('run-progress')).toBeVisible();
  await expect(page.getByLabel('Bytes copied')).toBeVisible();
  await snap(page, 'run-once-status');

  await page.getByRole('link', { name: 'Run-once tasks' }).click();
  const row = page.getByTestId('task-row-release_push');
  await expect(row).toContainText('nginx 1.25 → prod');
  await expect(row).toContainText('127.0.0.1:9/library');
  await expect(row).toContainText(/RUNNING|SUCCESS|FAILED/);
  await snap(page, 'run-once-list');
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
