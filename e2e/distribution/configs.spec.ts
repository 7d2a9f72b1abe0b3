import { createHash, randomBytes } from 'node:crypto';
import {
  addChips,
  createPeerCluster,
  createProjectWithRepos,
  expect,
  getFile,
  openClusterConfigForm,
  test,
  toastWith,
} from '../support/fixtures';

test('creates a registry config on a cron schedule, previewing fire times as the expression is typed', async ({
  signedIn: page,
  api,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  await page.goto(`/projects/${projectId}/images/configs`);
  await expect(page.getByText('No distribution configs yet')).toBeVisible();
  await expect(page.getByText('A distribution config copies')).toBeVisible();
  await page.getByRole('link', { name: 'New config' }).click();

  await page.getByLabel('Name', { exact: true }).fill('nightly_push');
  await expect(page.getByRole('radio', { name: /Registry \(heterogeneous\)/ })).toBeChecked();
  await page.getByLabel('Registry', { exact: true }).fill('registry.example.com/library');
  await page.getByLabel('Username', { exact: true }).fill('robot');
  await page.getByLabel('Password', { exact: true }).fill('robot-secret');
  await page.getByRole('button', { name: 'Add image' }).click();
  await page.getByLabel('Image 1', { exact: true }).fill('nginx');
  await addChips(page.getByLabel('Tags (Enter to add; none = all)'), ['1.25', '1.26']);
  await expect(page.getByRole('button', { name: 'Remove tag 1.25' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove tag 1.26' }).click();
  await expect(page.getByRole('button', { name: 'Remove tag 1.26' })).toHaveCount(0);

  await page.getByLabel('Rate limit').click();
  await page.getByRole('option', { name: 'MB/s' }).click();
  await page.getByLabel('Rate (MB/s)').fill('2');
  await page.getByRole('radio', { name: /Overwrite/ }).check();
  await expect(page.getByText('Replace what the target has')).toBeVisible();

  await page.getByRole('radio', { name: /On a schedule \(cron\)/ }).check();
  const cron = page.getByLabel('Cron expression');
  await cron.fill('0 0 2 * * ?');
  await expect(page.getByTestId('cron-description')).toContainText('02:00');
  await expect(page.getByTestId('cron-fire-time')).toHaveCount(5);
  await expect(page.getByTestId('cron-fire-time').first()).toContainText('02:00:00');
  await expect(page.getByRole('columnheader', { name: /Server time \(Asia\/Shanghai\)/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Your time \(Europe\/Paris\)/ })).toBeVisible();
  const before = await page.getByTestId('cron-fire-time').first().textContent();

  await cron.fill('0 30 4 ? * MON-FRI');
  await expect(page.getByTestId('cron-description')).toContainText('04:30');
  await expect(page.getByTestId('cron-description')).toContainText(/Monday through Friday/);
  expect(await page.getByTestId('cron-fire-time').first().textContent()).not.toBe(before);
  await snap(page, 'config-form-cron');

  await cron.fill('0 0 2 * * ? 1999 7');
  await expect(page.getByTestId('cron-error')).toBeVisible();
  await expect(page.getByTestId('cron-preview')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.locator('[data-field-error]').first()).toBeVisible();
  await expect(page).toHaveURL(/\/configs\/new$/);

  await cron.fill('0 30 4 ? * MON-FRI');
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(toastWith(page, 'Config nightly_push created')).toBeVisible();
  const row = page.getByTestId('config-row-nightly_push');
  await expect(row).toContainText('registry.example.com/library');
  await expect(row).toContainText('04:30');
  await expect(row).toContainText('never run');
  await snap(page, 'configs');

  // The password is write-only: editing shows it is stored, without showing it.
  await row.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByText('A password is stored. Leave blank to keep it.')).toBeVisible();
  await expect(page.getByLabel('Rate (MB/s)')).toHaveValue('2');
  await expect(page.getByRole('button', { name: 'Remove tag 1.25' })).toBeVisible();
  await snap(page, 'config-edit');
  await page.getByLabel('Description', { exact: true }).fill('weekday push');
  await page.getByRole('button', { name: 'Save config' }).click();
  await expect(toastWith(page, 'Config nightly_push saved')).toBeVisible();
  await expect(page.getByTestId('config-row-nightly_push')).toContainText('weekday push');
  const stored = await api.get<{ taskKey: string; hasPassword: boolean; setting: { rateLimit: number } }[]>(
    `/replication/api/remote/distribution/info/${projectId}/images/nightly_push`,
  );
  expect(stored[0]).toMatchObject({ hasPassword: true, setting: { rateLimit: 2 * 1024 * 1024 } });

  await page.getByTestId('config-row-nightly_push').getByRole('button', { name: 'Run now' }).click();
  await expect(toastWith(page, 'nightly_push queued to run now')).toBeVisible();
  const runs = await api.get<{ records: { trigger: string }[] }>(`/replication/api/execution/list/${stored[0]?.taskKey}`);
  expect(runs.records[0]?.trigger).toBe('MANUAL');
});

test('creates a real-time cluster config, toggles it off and on in place, filters and deletes it', async ({
  signedIn: page,
  api,
  peerUrl,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  const clusterName = await createPeerCluster(api, peerUrl);
  await page.goto(`/projects/${projectId}/files/configs/new`);

  await page.getByLabel('Name', { exact: true }).fill('mirror_files');
  await expect(page.getByRole('radio', { name: /Registry/ })).toBeDisabled();
  await expect(page.getByRole('radio', { name: /Cluster \(homogeneous\)/ })).toBeChecked();
  // Validation in the browser applies the API's rules: a cluster target needs the remote project and repository.
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.getByText('give registry (any OCI registry) or clusterId')).toBeVisible();
  await page.getByLabel('Cluster', { exact: true }).click();
  await page.getByRole('option', { name: new RegExp(clusterName) }).click();
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.getByText('is missing')).toHaveCount(2);

  await page.getByLabel('Remote project').fill('mirror');
  await page.getByLabel('Remote repository').fill('files');
  await page.getByRole('button', { name: 'Add path' }).click();
  await page.getByLabel('Path 1', { exact: true }).fill('/releases/../x');
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.locator('[data-field-error]').first()).toBeVisible();
  await page.getByLabel('Path 1', { exact: true }).fill('/releases');
  await expect(page.getByRole('radio', { name: /Real-time/ })).toBeChecked();
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(toastWith(page, 'Config mirror_files created')).toBeVisible();

  const row = page.getByTestId('config-row-mirror_files');
  await expect(row).toContainText(`${clusterName} → mirror/files`);
  await expect(row).toContainText('Real-time');
  const toggle = row.getByRole('switch', { name: 'Enable mirror_files' });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toastWith(page, 'mirror_files disabled')).toBeVisible();
  await expect(toggle).not.toBeChecked();
  await page.reload();
  await expect(page.getByTestId('config-row-mirror_files').getByRole('switch')).not.toBeChecked();
  await page.getByTestId('config-row-mirror_files').getByRole('switch').click();
  await expect(toastWith(page, 'mirror_files enabled')).toBeVisible();
  await expect(page.getByTestId('config-row-mirror_files').getByRole('switch')).toBeChecked();
  const stored = await api.get<{ enable: boolean }[]>(`/replication/api/remote/distribution/info/${projectId}/files/mirror_files`);
  expect(stored[0]?.enable).toBe(true);

  await page.getByLabel('Filter configs').fill('nomatch');
  await expect(page.getByText('No config matches the filter.')).toBeVisible();
  await page.getByLabel('Filter configs').fill('mirror');
  await expect(page.getByTestId('config-row-mirror_files')).toBeVisible();
  await snap(page, 'configs-cluster');

  await page.getByRole('button', { name: 'Delete mirror_files' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Delete config mirror_files?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('config-row-mirror_files')).toBeVisible();
  await page.getByRole('button', { name: 'Delete mirror_files' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete config' }).click();
  await expect(toastWith(page, 'Config mirror_files deleted')).toBeVisible();
  // The server filters: with the filter still on, the page says nothing matches; cleared, the repository is empty.
  await expect(page.getByText('No config matches the filter.')).toBeVisible();
  await page.getByLabel('Filter configs').fill('');
  await expect(page.getByText('No distribution configs yet')).toBeVisible();
});

test('pages through many configs and filters them on the server', async ({ signedIn: page, api }) => {
  const { projectId } = await createProjectWithRepos(api);
  const configs = Array.from({ length: 25 }, (_, k) => ({
    name: `cfg_${String(k + 1).padStart(2, '0')}`,
    registry: 'registry.example.com/library',
    replicaType: k < 5 ? 'SCHEDULED' : 'REAL_TIME',
    setting: k < 5 ? { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 2 * * ?' } } : {},
    enable: k % 5 !== 4,
  }));
  await api.post(`/replication/api/remote/distribution/create/${projectId}/images`, { configs });
  await page.goto(`/projects/${projectId}/images/configs`);

  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText('Page 1 of 2 · 25 configs');
  await expect(page.getByTestId('config-row-cfg_20')).toBeVisible();
  await expect(page.getByTestId('config-row-cfg_21')).toHaveCount(0);
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(pages).toContainText('Page 2 of 2');
  await expect(page.getByTestId('config-row-cfg_25')).toBeVisible();
  await expect(page.getByTestId('config-row-cfg_01')).toHaveCount(0);

  // A filter goes back to the first page of what matches.
  await page.getByLabel('Filter configs').fill('cfg_1');
  await expect(page.getByText('10 configs')).toBeVisible();
  await expect(page.getByTestId('config-row-cfg_10')).toBeVisible();
  await page.getByLabel('Filter configs').fill('');
  await page.getByLabel('Show').click();
  await page.getByRole('option', { name: 'Disabled' }).click();
  await expect(page.getByText('5 configs')).toBeVisible();
  await expect(page.getByTestId('config-row-cfg_05')).toBeVisible();
  await page.getByLabel('Trigger').click();
  await page.getByRole('option', { name: 'Scheduled' }).click();
  await expect(page.getByText('1 config', { exact: true })).toBeVisible();
  await expect(page.getByTestId('config-row-cfg_05')).toBeVisible();
  await expect(page.getByTestId('config-row-cfg_10')).toHaveCount(0);
});

test('shows a server validation error on the field it names', async ({ signedIn: page, api }) => {
  const { projectId } = await createProjectWithRepos(api);
  await page.goto(`/projects/${projectId}/images/configs/new`);
  await page.getByLabel('Name', { exact: true }).fill('once_later');
  await page.getByLabel('Registry', { exact: true }).fill('registry.example.com/library');
  await page.getByRole('radio', { name: /At a date and time/ }).check();
  // The browser cannot know "in the future" in the server's zone; the server refuses a past time.
  await page.getByLabel('Date and time', { exact: true }).fill('2020-01-01T10:00');
  await page.getByRole('button', { name: 'Create config' }).click();
  const field = page.locator('.field').filter({ has: page.getByLabel('Date and time', { exact: true }) });
  await expect(field.locator('[data-field-error]')).toHaveText('is invalid: must be in the future');
  await expect(page.getByLabel('Date and time', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/configs\/new$/);
  const stored = await api.get<unknown[]>(`/replication/api/remote/distribution/info/${projectId}/images`);
  expect(stored).toEqual([]);
});

test('a real-time cluster config copies a file uploaded in the browser to the peer, and its history shows SUCCESS', async ({
  signedIn: page,
  api,
  peerUrl,
  snap,
}) => {
  const { projectId, remoteProject } = await openClusterConfigForm(page, api, { peerUrl, name: 'live_mirror' });
  await expect(page.getByRole('radio', { name: /Real-time/ })).toBeChecked();
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(toastWith(page, 'Config live_mirror created')).toBeVisible();

  await page.goto(`/projects/${projectId}/files`);
  const content = randomBytes(256 * 1024);
  await page.getByLabel('Upload into /').setInputFiles({ name: 'build.tar', mimeType: 'application/x-tar', buffer: content });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(toastWith(page, 'Uploaded build.tar')).toBeVisible();

  // The upload's event starts a run by itself; the table shows its outcome once it ends.
  await page.goto(`/projects/${projectId}/files/configs`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('config-row-live_mirror').locator('[data-status]')).toHaveText('SUCCESS', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId('config-row-live_mirror').getByRole('link', { name: 'History' }).click();
  const run = page.getByRole('row').filter({ has: page.locator('[data-status="SUCCESS"]') });
  await expect(run).toHaveCount(1);
  await expect(run).toContainText('REAL_TIME');
  await expect(run).toContainText('1/1');
  await snap(page, 'config-history');
  // The history filters by status on the server.
  await page.getByLabel('Run status').click();
  await page.getByRole('option', { name: 'Failed' }).click();
  await expect(page.getByText('No run matches the filter.')).toBeVisible();
  await page.getByLabel('Run status').click();
  await page.getByRole('option', { name: 'Succeeded' }).click();
  await expect(run).toHaveCount(1);
  await run.getByRole('link').click();
  await expect(page).toHaveURL(/\/runs\//);
  const artifact = page.getByTestId('artifact-row').filter({ hasText: 'build.tar' });
  await expect(artifact.locator('[data-status]')).toHaveText('SUCCESS');
  await expect(artifact).toContainText('100%');
  await snap(page, 'run-detail-real-time');

  const copied = await getFile(peerUrl, { projectId: remoteProject, repoName: 'files', path: '/build.tar' });
  expect(copied.status).toBe(200);
  expect(createHash('sha256').update(copied.body).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
});
