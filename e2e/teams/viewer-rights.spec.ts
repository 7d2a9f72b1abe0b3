import { createProjectWithRepos, expect, test, toastWith, uniqueName } from '../support/fixtures';

// Issue 10's walk-through: an administrator creates a user and makes it VIEWER on a project; signed in
// as that user the config form's save and the run-once execute are refused with the reason; the user's
// refused attempt through the API appears in the administrator's audit log.
test('a VIEWER sees the project but is not offered save or execute; its refused API attempt is audited as DENIED', async ({
  signedIn: admin,
  api,
  browser,
  baseURL,
  playwright,
  registry,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  const target = `http://${registry.registryHost}/${uniqueName('e2e')}`;
  await api.post(`/replication/api/remote/distribution/create/${projectId}/images`, {
    configs: [
      {
        name: 'nightly',
        registry: target,
        replicaType: 'SCHEDULED',
        enable: false,
        setting: { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 3 1 1 ?' } },
      },
    ],
  });
  await api.post(`/replication/api/remote/distribution/create/runOnceTask/${projectId}/images`, {
    name: 'release_push',
    registry: target,
    packageName: 'app',
    versions: ['1.0'],
  });
  const userId = uniqueName('viewer');
  const password = 'viewer-password-1';

  // The administrator creates the user on the Users page …
  await admin.goto('/users');
  await admin.getByRole('button', { name: 'New user' }).click();
  const dialog = admin.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('User id').fill(userId);
  await dialog.getByLabel('Display name').fill('Vera Viewer');
  await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(toastWith(admin, `User ${userId} created`)).toBeVisible();
  await expect(admin.getByTestId(`user-row-${userId}`)).toContainText('Vera Viewer');

  // … and makes it VIEWER on the project's Members tab.
  await admin.goto(`/projects/${projectId}`);
  await admin.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Members' }).click();
  await admin.getByLabel('User id').fill(userId);
  await admin.getByRole('button', { name: 'Add member' }).click();
  await expect(toastWith(admin, `${userId} is VIEWER on ${projectId}`)).toBeVisible();
  await expect(admin.getByTestId(`member-row-${userId}`)).toContainText('Viewer');
  await snap(admin, 'members');

  // The user signs in in its own browser context.
  const context = await browser.newContext({ baseURL });
  const viewer = await context.newPage();
  await viewer.goto('/login');
  await viewer.getByLabel('Username', { exact: true }).fill(userId);
  await viewer.getByLabel('Password', { exact: true }).fill(password);
  await viewer.getByRole('button', { name: 'Sign in' }).click();
  await expect(viewer.getByTestId('signed-in-user')).toHaveText(userId);
  await expect(viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);

  const reason = `you need MAINTAINER on project ${projectId}; you are VIEWER`;
  // The config form: readable, but its save button is disabled and says why.
  await viewer.goto(`/projects/${projectId}/images/configs/nightly`);
  await expect(viewer.getByLabel('Name', { exact: true })).toHaveValue('nightly');
  const save = viewer.getByRole('button', { name: 'Save config' });
  await expect(save).toBeDisabled();
  await expect(save).toHaveAttribute('title', reason);
  await expect(save).toHaveAccessibleDescription(reason);
  await snap(viewer, 'viewer-config-form');

  // The run-once task: listed, but not executable.
  await viewer.goto(`/projects/${projectId}/images/tasks`);
  const execute = viewer.getByTestId('task-row-release_push').getByRole('button', { name: 'Execute' });
  await expect(execute).toBeDisabled();
  await expect(execute).toHaveAttribute('title', reason);
  await expect(viewer.getByRole('button', { name: 'New run-once task' })).toBeDisabled();
  await viewer.goto(`/projects/${projectId}/images/tasks/release_push`);
  await expect(viewer.getByRole('button', { name: 'Execute' })).toBeDisabled();

  // A direct URL to a page it may not use says what is needed, instead of a form that would fail.
  await viewer.goto(`/projects/${projectId}/images/configs/new`);
  await expect(viewer.getByTestId('forbidden-state')).toContainText(`You need MAINTAINER on project ${projectId}`);
  await viewer.goto('/users');
  await expect(viewer.getByTestId('forbidden-state')).toContainText('You need to be an administrator');
  await viewer.goto(`/projects/${projectId}/-/members`);
  await expect(viewer.getByTestId(`member-row-${userId}`)).toContainText('Viewer');
  await expect(viewer.getByRole('button', { name: 'Add member' })).toHaveCount(0);
  await snap(viewer, 'viewer-members');
  await context.close();

  // The user tries anyway, through the API with its password: refused with the role it lacks.
  const client = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Basic ${Buffer.from(`${userId}:${password}`).toString('base64')}` },
  });
  const refused = await client.post(`/replication/api/remote/distribution/execute/runOnceTask/${projectId}/images?name=release_push`);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({
    code: 250114,
    message: `user [${userId}] is VIEWER on project [${projectId}]; MAINTAINER is needed`,
  });
  await client.dispose();

  // The administrator finds the refusal in the audit log.
  await admin.goto('/audit');
  // Filtering by project proves the refusal row names the project, as its project admins need.
  await admin.getByLabel('Project').click();
  // The list holds every project the suite has made, taller than the viewport by now: Radix scrolls
  // it itself, out of a pointer's reach, so the option is chosen with the keyboard.
  await admin.getByRole('option', { name: projectId }).press('Enter');
  await admin.getByLabel('User', { exact: true }).fill(userId);
  await admin.getByLabel('Outcome').click();
  await admin.getByRole('option', { name: 'DENIED' }).click();
  await admin.getByRole('button', { name: 'Apply filters' }).click();
  const row = admin.getByTestId('audit-row').filter({ hasText: 'task.execute' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(userId);
  await expect(row).toContainText(projectId);
  await expect(row).toHaveAttribute('data-outcome', 'DENIED');
  await snap(admin, 'audit-denied');
});
