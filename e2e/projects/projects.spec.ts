import { expect, test, toastWith, uniqueName } from '../support/fixtures';

test('creates a project and a repository of each type, then deletes one with confirmation', async ({ signedIn: page, snap }) => {
  const projectId = uniqueName('proj');
  await page.goto('/projects');
  await page.getByRole('button', { name: 'New project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name', { exact: true }).fill('1bad');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.getByText('must start with a letter or _')).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill(projectId);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(toastWith(page, `Project ${projectId} created`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  await expect(page.getByText('No repositories yet')).toBeVisible();
  await snap(page, 'project-empty');

  for (const [name, type] of [
    ['files', 'GENERIC'],
    ['images', 'DOCKER'],
  ] as const) {
    await page.getByRole('button', { name: 'New repository' }).first().click();
    const repoDialog = page.getByRole('dialog', { name: 'New repository' });
    await repoDialog.getByLabel('Name', { exact: true }).fill(name);
    await repoDialog.getByRole('radio', { name: new RegExp(type) }).check();
    await repoDialog.getByRole('button', { name: 'Create repository' }).click();
    await expect(toastWith(page, `Repository ${name} created`)).toBeVisible();
    await expect(page.getByTestId(`repo-row-${name}`)).toContainText(type);
  }
  await snap(page, 'repositories');

  // A DOCKER repository needs a lowercase name: the server's refusal lands on the name field.
  await page.getByRole('button', { name: 'New repository' }).first().click();
  const upper = page.getByRole('dialog', { name: 'New repository' });
  await upper.getByLabel('Name', { exact: true }).fill('Images2');
  await upper.getByRole('radio', { name: /DOCKER/ }).check();
  await upper.getByRole('button', { name: 'Create repository' }).click();
  await expect(upper.locator('[data-field-error]')).toContainText(/lowercase/i);
  await upper.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Delete repository files' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Delete repository files?');
  await confirm.getByRole('button', { name: 'Delete repository' }).click();
  await expect(toastWith(page, 'Repository files deleted')).toBeVisible();
  await expect(page.getByTestId('repo-row-files')).toHaveCount(0);
  await expect(page.getByTestId('repo-row-images')).toBeVisible();
});

test('a DOCKER repository in a project with a capital letter is refused with a visible message', async ({ signedIn: page, api }) => {
  const projectId = uniqueName('Proj');
  await api.post('/repository/api/project/create', { name: projectId, displayName: projectId });
  await page.goto(`/projects/${projectId}`);
  await page.getByRole('button', { name: 'New repository' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New repository' });
  await dialog.getByLabel('Name', { exact: true }).fill('images');
  await dialog.getByRole('radio', { name: /DOCKER/ }).check();
  await dialog.getByRole('button', { name: 'Create repository' }).click();
  // The server names projectId, which the dialog does not show: the refusal is the form's own message.
  const message = dialog.getByTestId('form-error');
  await expect(message).toBeVisible();
  await expect(message).toContainText('lowercase project name');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('repo-row-images')).toHaveCount(0);
});
