import { expect, test, toastWith, uniqueName } from '../support/fixtures';
import { ADMIN_PASSWORD } from '../support/state';

test('registers the peer Ferry, tests it HEALTHY, edits it and deletes it with confirmation', async ({ signedIn: page, peerUrl, snap }) => {
  const name = uniqueName('peer');
  await page.goto('/clusters');
  await page.getByRole('button', { name: 'Register cluster' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Register cluster' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('URL').fill('not a url');
  await dialog.getByLabel('Username', { exact: true }).fill('admin');
  await dialog.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
  await dialog.getByRole('button', { name: 'Register' }).click();
  await expect(dialog.getByText('must be an http:// or https:// URL')).toBeVisible();
  await dialog.getByLabel('URL').fill(peerUrl);
  await dialog.getByRole('button', { name: 'Register' }).click();
  await expect(toastWith(page, `Cluster ${name} registered`)).toBeVisible();

  const row = page.getByTestId(`cluster-row-${name}`);
  await expect(row.getByTestId('cluster-health')).toHaveText('not checked');
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(row.getByTestId('cluster-health')).toHaveText('HEALTHY');
  await snap(page, 'clusters');

  // A wrong password, kept write-only: the edit form starts blank and the test reports why it fails.
  await row.getByRole('button', { name: `Edit cluster ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit cluster ${name}` });
  await expect(edit.getByLabel('Password', { exact: true })).toHaveValue('');
  await edit.getByLabel('Password', { exact: true }).fill('wrong-password');
  await edit.getByRole('button', { name: 'Save cluster' }).click();
  await expect(toastWith(page, `Cluster ${name} saved`)).toBeVisible();
  await row.getByRole('button', { name: 'Test connection' }).click();
  await expect(row.getByTestId('cluster-health')).toHaveText('UNHEALTHY');
  await expect(row).toContainText(/credential|401|password|rejected/i);

  await row.getByRole('button', { name: `Delete cluster ${name}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete cluster' }).click();
  await expect(toastWith(page, `Cluster ${name} deleted`)).toBeVisible();
  await expect(page.getByTestId(`cluster-row-${name}`)).toHaveCount(0);
});
