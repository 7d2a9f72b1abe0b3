import { expect, test } from '../support/fixtures';
import { ADMIN_PASSWORD } from '../support/state';

test('an anonymous visitor is sent to the sign-in page', async ({ page, snap }) => {
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in to Ferry' })).toBeVisible();
  await snap(page, 'sign-in');
});

test('a wrong password shows a clear message and does not sign in', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Username', { exact: true }).fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('definitely-wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong username or password');
  await expect(page).toHaveURL(/\/login/);
});

test('empty fields are refused in the browser with a message on each', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('enter your username')).toBeVisible();
  await expect(page.getByText('enter your password')).toBeVisible();
});

test('signs in, opens the overview, keeps an httpOnly cookie, and signs out', async ({ page, snap }) => {
  await page.goto('/clusters');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Username', { exact: true }).fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toHaveText('admin');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'ferry_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  await snap(page, 'overview');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/login/);
});
