import { buildImage } from '../../tests/support/oci-images';
import { createProjectWithRepos, expect, pushImage, registryDigest, test, uniqueName } from '../support/fixtures';

test('a run detail lists a cosign signature indented under the image it signs', async ({ signedIn: page, api, registry, snap }) => {
  const { projectId } = await createProjectWithRepos(api);
  const image = buildImage([64 * 1024]);
  await pushImage({ projectId, repoName: 'images', image: 'signed', tag: '1.0' }, image);
  // cosign's tag scheme: the signature is an image of its own under `sha256-<hex>.sig`.
  const signatureTag = `${image.manifest.digest.replace(':', '-')}.sig`;
  const signature = buildImage([512]);
  await pushImage({ projectId, repoName: 'images', image: 'signed', tag: signatureTag }, signature);
  const namespace = uniqueName('e2e');
  await api.post(`/replication/api/remote/distribution/create/runOnceTask/${projectId}/images`, {
    name: 'signed_push',
    registry: `http://${registry.registryHost}/${namespace}`,
    packageName: 'signed',
    versions: ['1.0'],
  });
  await page.goto(`/projects/${projectId}/images/tasks/signed_push`);
  await page.getByRole('button', { name: 'Execute' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('SUCCESS', { timeout: 30_000 });
  expect(await registryDigest(registry.registryUrl, `${namespace}/signed`, signatureTag)).toBe(signature.manifest.digest);

  await page.getByRole('link', { name: 'Run detail' }).click();
  await expect(page).toHaveURL(/\/runs\//);
  const rows = page.getByTestId('artifact-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('signed');
  await expect(rows.nth(1)).toHaveAttribute('data-subject', image.manifest.digest);
  await expect(rows.nth(1)).toContainText('Signature of');
  await expect(rows.nth(1)).toContainText(`${signatureTag.slice(0, 19)}….sig`);
  await expect(rows.nth(1).getByTitle(signatureTag)).toBeVisible();
  await snap(page, 'run-detail-referrers');
});
