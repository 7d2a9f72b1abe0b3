import { expect, test, toastWith, uniqueName } from '../support/fixtures';

test('creates an API token shown once, which works, and revokes it', async ({ signedIn: page, playwright, baseURL, snap }) => {
  const name = uniqueName('ci');
  await page.goto('/tokens');
  await page.getByLabel('Token name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByTestId('new-token');
  await expect(shown).toContainText('shown only once');
  const token = (await shown.locator('code').textContent()) ?? '';
  expect(token).toMatch(/^ferry_/);
  await snap(page, 'tokens');

  const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  expect((await client.get('/repository/api/user/info')).status()).toBe(200);

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId(`token-row-${name}`)).toBeVisible();
  await expect(page.locator('body')).not.toContainText(token);

  await page.getByRole('button', { name: `Revoke token ${name}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(toastWith(page, `Token ${name} revoked`)).toBeVisible();
  await expect(page.getByTestId(`token-row-${name}`)).toHaveCount(0);
  expect((await client.get('/repository/api/user/info')).status()).toBe(401);
  await client.dispose();
});
