import { buildImage } from '../../tests/support/oci-images';
import { startWebhookReceiver } from '../../tests/support/webhook-receiver';
import { createProjectWithRepos, expect, pushImage, test, toastWith, uniqueName } from '../support/fixtures';

const SECRET = 'e2e-webhook-secret-0123456789';

test("a failed run's notification appears in the rule's delivery log, signed, and Send test adds a TEST delivery", async ({
  signedIn: page,
  api,
  registry,
  snap,
}) => {
  const receiver = await startWebhookReceiver(SECRET);
  try {
    const { projectId } = await createProjectWithRepos(api);
    await pushImage({ projectId, repoName: 'images', image: 'app', tag: '1.0' }, buildImage([32 * 1024]));
    await api.post(`/replication/api/remote/distribution/create/runOnceTask/${projectId}/images`, {
      name: 'notified',
      registry: `http://${registry.registryHost}/${uniqueName('e2e')}`,
      packageName: 'app',
      versions: ['1.0', '9.9'],
    });
    await page.goto(`/projects/${projectId}/images/tasks/notified`);
    await expect(page.getByText('No webhook rules')).toBeVisible();
    const form = page.getByRole('form', { name: 'Add webhook rule' });
    await form.getByLabel('URL').fill(`${receiver.url}/e2e-hook`);
    await form.getByLabel('Secret (optional)').fill('short');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect(form.getByText('at least 16 characters', { exact: false }).last()).toBeVisible();
    await form.getByLabel('Secret (optional)').fill(SECRET);
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect(toastWith(page, 'Webhook rule added')).toBeVisible();
    const rule = page.getByTestId('webhook-rule');
    await expect(rule).toContainText(`${receiver.url}/e2e-hook`);
    await expect(rule).toContainText('RUN_FAILED · signed');
    await expect(rule).toContainText('No deliveries yet.');

    await page.getByRole('button', { name: 'Execute' }).click();
    await expect(page.getByTestId('run-status')).toHaveText('FAILED', { timeout: 30_000 });
    const delivery = rule.getByTestId('webhook-delivery').filter({ hasText: 'RUN_FAILED' });
    await expect(delivery).toContainText('DELIVERED', { timeout: 30_000 });
    await expect(delivery).toContainText('200');
    await snap(page, 'webhook-delivery-log');
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ path: '/e2e-hook', signatureValid: true });
    expect(receiver.received[0]?.json).toMatchObject({ event: 'RUN_FAILED', task: { kind: 'RUN_ONCE', name: 'notified' } });

    await rule.getByRole('button', { name: 'Send test' }).click();
    await expect(toastWith(page, 'Test delivery queued')).toBeVisible();
    await expect(rule.getByTestId('webhook-delivery').filter({ hasText: 'TEST' })).toContainText('DELIVERED', { timeout: 30_000 });
    // The secret is never shown again.
    await expect(page.getByText(SECRET)).toHaveCount(0);
  } finally {
    await receiver.stop();
  }
});
