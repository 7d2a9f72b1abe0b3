import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buildIndex } from '../../tests/support/oci-images';
import { createProjectWithRepos, expect, pushImage, putFile, test, toastWith } from '../support/fixtures';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('uploads a file through the browser with progress, lists it with size and sha256, downloads it, overwrites only when asked', async ({
  signedIn: page,
  api,
  baseURL,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  await page.goto(`/projects/${projectId}/files`);
  await expect(page.getByText('This folder is empty')).toBeVisible();

  const first = randomBytes(300 * 1024);
  const upload = page.getByLabel('Upload into /');
  await upload.setInputFiles({ name: 'report.bin', mimeType: 'application/octet-stream', buffer: first });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(toastWith(page, 'Uploaded report.bin')).toBeVisible();
  const progress = page.getByTestId('upload-progress');
  await expect(progress).toContainText('Done');
  await expect(progress.getByRole('progressbar', { name: 'Upload of report.bin' })).toHaveAttribute('aria-valuenow', String(first.length));
  const row = page.getByRole('row').filter({ hasText: 'report.bin' });
  await expect(row).toContainText('300 KB');
  await expect(row).toContainText(sha256(first).slice(0, 16));
  await snap(page, 'generic-browser');

  // The download link serves the same bytes the browser sent.
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('report.bin');
  expect(sha256(await readFile(await download.path()))).toBe(sha256(first));

  // Same name again: refused unless "overwrite" is ticked, and the stored file is unchanged.
  const second = randomBytes(1000);
  await upload.setInputFiles({ name: 'report.bin', mimeType: 'application/octet-stream', buffer: second });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(toastWith(page, 'Upload of report.bin failed')).toBeVisible();
  await expect(progress).toContainText(/exist/i);
  const unchanged = await api.get<{ sha256: string }>(`/repository/api/node/detail/${projectId}/files/report.bin`);
  expect(unchanged.sha256).toBe(sha256(first));
  await page.getByRole('checkbox', { name: 'Overwrite files that already exist' }).check();
  await upload.setInputFiles({ name: 'report.bin', mimeType: 'application/octet-stream', buffer: second });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(toastWith(page, 'Uploaded report.bin').last()).toBeVisible();
  await expect(row).toContainText('1000 B');
  await expect(row).toContainText(sha256(second).slice(0, 16));
  const replaced = await api.get<{ sha256: string; size: number }>(`/repository/api/node/detail/${projectId}/files/report.bin`);
  expect(replaced).toMatchObject({ sha256: sha256(second), size: 1000 });

  // Folders open in place; a file's details show its full sha256 and metadata.
  const readme = Buffer.from('hello from a folder\n');
  await putFile(baseURL ?? '', { projectId, repoName: 'files', path: '/docs/readme.txt' }, readme);
  await page.reload();
  await page.getByRole('button', { name: '📁 docs' }).click();
  await expect(page).toHaveURL(/\?path=%2Fdocs$/);
  await expect(page.getByText('Upload into /docs')).toBeVisible();
  await page.getByRole('button', { name: 'readme.txt' }).click();
  const details = page.getByRole('dialog', { name: 'readme.txt' });
  await expect(details).toContainText(sha256(readme));
  await expect(details).toContainText(`${readme.length} bytes`);
  await snap(page, 'generic-file-details');
});

test('browses a DOCKER repository: image, tags with digest, size, platforms and a pull command to copy', async ({
  signedIn: page,
  api,
  context,
  snap,
}) => {
  const { projectId } = await createProjectWithRepos(api);
  await page.goto(`/projects/${projectId}/images`);
  await expect(page.getByText('No images yet')).toBeVisible();
  const image = buildIndex(64 * 1024);
  await pushImage({ projectId, repoName: 'images', image: 'web', tag: '2.1' }, image);

  await page.reload();
  const imageRow = page.getByRole('row').filter({ hasText: 'web' });
  await expect(imageRow).toContainText('2.1');
  await snap(page, 'docker-browser');
  await imageRow.getByRole('button', { name: 'web' }).click();
  const tag = page.getByTestId('tag-row-2.1');
  await expect(tag.locator('td.mono')).toHaveAttribute('title', image.manifest.digest);
  await expect(tag).toContainText(image.manifest.digest.slice('sha256:'.length, 'sha256:'.length + 12));
  await expect(tag).toContainText('linux/amd64, linux/arm64');
  const host = new URL(page.url()).host;
  const pull = `docker pull ${host}/${projectId}/images/web:2.1`;
  await expect(tag).toContainText(pull);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await tag.getByRole('button', { name: `Copy: ${pull}` }).click();
  await expect(tag.getByRole('button', { name: `Copy: ${pull}` })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pull);
  await snap(page, 'docker-tags');
});
