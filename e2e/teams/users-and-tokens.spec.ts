import type { APIRequestContext } from '@playwright/test';
import { createProjectWithRepos, expect, test, toastWith, uniqueName } from '../support/fixtures';

const basic = (userId: string, password: string) => `Basic ${Buffer.from(`${userId}:${password}`).toString('base64')}`;

async function statusAs(request: APIRequestContext, userId: string, password: string) {
  return (await request.get('/repository/api/user/info', { headers: { Authorization: basic(userId, password) } })).status();
}

test('an administrator edits, locks and resets a user; demoting the last administrator is refused on the form', async ({
  signedIn: page,
  api,
  snap,
}) => {
  const userId = uniqueName('dev');
  await api.post('/repository/api/user/create', { userId, name: 'Dev One', password: 'first-password' });
  // The e2e suite creates no other administrator, so admin is the last one.
  const users = await api.get<{ userId: string; admin: boolean; locked: boolean }[]>('/repository/api/user/list');
  expect(users.filter((u) => u.admin && !u.locked).map((u) => u.userId)).toEqual(['admin']);

  await page.goto('/users');
  await page.getByRole('button', { name: 'Edit user admin' }).click();
  const self = page.getByRole('dialog', { name: 'Edit user admin' });
  await self.getByRole('checkbox', { name: 'Administrator' }).click();
  await self.getByRole('button', { name: 'Save user' }).click();
  await expect(self.getByTestId('form-error')).toContainText(/administrator/i);
  await snap(page, 'last-admin-refused');
  await self.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Delete user admin' })).toBeDisabled();

  await page.getByRole('button', { name: `Edit user ${userId}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit user ${userId}` });
  await edit.getByLabel('Display name').fill('Dev Renamed');
  await edit.getByLabel('New password').fill('second-password');
  await edit.getByRole('button', { name: 'Save user' }).click();
  await expect(toastWith(page, `User ${userId} saved`)).toBeVisible();
  const row = page.getByTestId(`user-row-${userId}`);
  await expect(row).toContainText('Dev Renamed');
  expect(await statusAs(page.request, userId, 'first-password')).toBe(401);
  expect(await statusAs(page.request, userId, 'second-password')).toBe(200);

  await page.getByRole('button', { name: `Edit user ${userId}` }).click();
  await edit.getByRole('checkbox', { name: /Locked/ }).click();
  await edit.getByRole('button', { name: 'Save user' }).click();
  await expect(row).toContainText('locked');
  expect(await statusAs(page.request, userId, 'second-password')).toBe(401);
  await snap(page, 'users');
});

test('a user changes its own password on the Account page; a wrong current password is shown on its field', async ({
  browser,
  baseURL,
  api,
}) => {
  const userId = uniqueName('self');
  await api.post('/repository/api/user/create', { userId, name: 'Self Service', password: 'old-password-1' });
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Username', { exact: true }).fill(userId);
  await page.getByLabel('Password', { exact: true }).fill('old-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Account' }).click();
  await expect(page.getByText('You are not a member of any project yet')).toBeVisible();

  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password').fill('new-password-1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('[data-field-error]')).toHaveCount(1);
  await page.getByLabel('Current password').fill('old-password-1');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(toastWith(page, 'Password changed')).toBeVisible();
  expect(await statusAs(page.request, userId, 'new-password-1')).toBe(200);
  expect(await statusAs(page.request, userId, 'old-password-1')).toBe(401);
  await context.close();
});

test('creates a READ token limited to one project; the list shows its scope and the API holds it to it', async ({
  signedIn: page,
  api,
  playwright,
  baseURL,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  const name = uniqueName('pull');
  await page.goto('/tokens');
  await page.getByLabel('Token name').fill(name);
  await page.getByLabel('Project').click();
  // The list holds every project the suite has made, taller than the viewport by now: Radix scrolls
  // it itself, out of a pointer's reach, so the option is chosen with the keyboard.
  await page.getByRole('option', { name: projectId }).press('Enter');
  await page.getByRole('radio', { name: /Read only/ }).click();
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').locator('code').textContent()) ?? '';
  await expect(page.getByTestId(`token-row-${name}`).getByTestId('token-scope')).toHaveText(`${projectId} · READ`);

  const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const info = await (await client.get('/repository/api/user/info')).json();
  expect(info.data.token).toEqual({ projectId, access: 'READ' });
  const refused = await client.post('/repository/api/repo/create', { data: { projectId, name: 'more', type: 'GENERIC' } });
  expect(refused.status()).toBe(403);
  await client.dispose();
});
