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

// Each payload points at a closed loopback port, so a regression would fail the test without leaving the machine.
for (const next of ['/%5C127.0.0.1:9/', '/%09/127.0.0.1:9/', '//127.0.0.1:9/', 'javascript:alert(1)', '/%0A/127.0.0.1:9/']) {
  test(`after sign-in, ?next=${next} stays on Ferry`, async ({ page, baseURL }) => {
    await page.goto(`/login?next=${next}`);
    await page.getByLabel('Username', { exact: true }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? '').origin);
  });
}

test('after sign-in, ?next= on Ferry is followed', async ({ page }) => {
  await page.goto('/login?next=%2Ftokens');
  await page.getByLabel('Username', { exact: true }).fill('admin');
  await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tokens$/);
});

test('pages run under the Content-Security-Policy without a violation', async ({ signedIn: page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  for (const [path, heading] of [
    ['/', 'Overview'],
    ['/projects', 'Projects'],
    ['/clusters', 'Clusters'],
    ['/tokens', 'API tokens'],
  ]) {
    const response = await page.goto(path ?? '/');
    expect(response?.headers()['content-security-policy']).toContain("'strict-dynamic'");
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }
  expect(violations).toEqual([]);
});
