import { randomBytes } from 'node:crypto';
import { expect, getFile, openClusterConfigForm, putFile, test, toastWith } from '../support/fixtures';
import { ADMIN_PASSWORD } from '../support/state';

// Feature 3 of issue 14: the "Replicate deletions" box of a real-time config, and a replicated
// deletion in a run's artifact list.
test('a real-time config with "Replicate deletions" deletes at the peer a file deleted here, and the run says so', async ({
  signedIn: page,
  api,
  baseURL,
  peerUrl,
  snap,
}) => {
  const { projectId, remoteProject } = await openClusterConfigForm(page, api, { peerUrl, name: 'mirror_deletes' });
  const box = page.getByRole('checkbox', { name: /Replicate deletions/ });
  // Only a real-time config sees deletions: the box is hidden for the other triggers.
  await expect(box).not.toBeChecked();
  await page.getByRole('radio', { name: /^Now/ }).check();
  await expect(box).toHaveCount(0);
  await page.getByRole('radio', { name: /Real-time/ }).check();
  await box.check();
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(toastWith(page, 'Config mirror_deletes created')).toBeVisible();
  const [stored] = await api.get<Array<{ replicateDeletes: boolean }>>(
    `/replication/api/remote/distribution/info/${projectId}/files/mirror_deletes`,
  );
  expect(stored?.replicateDeletes).toBe(true);

  const target = { projectId: remoteProject, repoName: 'files', path: '/old.bin' };
  await putFile(baseURL ?? '', { projectId, repoName: 'files', path: '/old.bin' }, randomBytes(1024));
  await expect.poll(async () => (await getFile(peerUrl, target)).status, { timeout: 20_000 }).toBe(200);
  const deleted = await fetch(`${baseURL}/generic/${projectId}/files/old.bin`, {
    method: 'DELETE',
    headers: { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
  });
  expect(deleted.status).toBe(200);
  await expect.poll(async () => (await getFile(peerUrl, target)).status, { timeout: 20_000 }).toBe(404);

  // The deletion appears in its run's artifact list, in words.
  const [info] = await api.get<Array<{ taskKey: string }>>(`/replication/api/remote/distribution/info/${projectId}/files/mirror_deletes`);
  const runWithDeletion = async () => {
    const runs = await api.get<{ records: Array<{ id: string }> }>(`/replication/api/execution/list/${info?.taskKey}`);
    for (const run of runs.records) {
      const details = await api.get<{ records: Array<{ operation: string; status: string }> }>(
        `/replication/api/execution/details/${run.id}`,
      );
      if (details.records.some((d) => d.operation === 'DELETE' && d.status === 'SUCCESS')) return run.id;
    }
    return null;
  };
  await expect.poll(runWithDeletion, { timeout: 20_000 }).not.toBeNull();
  await page.goto(`/runs/${await runWithDeletion()}`);
  const row = page.getByTestId('artifact-row').filter({ hasText: '/old.bin' });
  await expect(row).toContainText('(deletion)');
  await expect(row.locator('[data-status]')).toHaveText('Deleted at target');
  await snap(page, 'run-detail-deletion');
});
