import { expect, test } from '../support/fixtures';

test('the API reference renders the OpenAPI document from Ferry alone', async ({ signedIn: page, baseURL, snap }) => {
  const origin = new URL(baseURL ?? '').origin;
  const elsewhere: string[] = [];
  const refused: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') refused.push(`${message.text()} ${message.location().url}`);
  });
  page.on('pageerror', (error) => refused.push(error.message));

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API reference' }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
  expect((await page.request.get('/api-reference')).headers()['content-security-policy']).toContain("'strict-dynamic'");
  await expect(page.getByRole('heading', { name: 'API reference' })).toBeVisible();

  // swagger-ui lists tags collapsed; opening one shows its operations, opening one of those its responses.
  await page.locator('.opblock-tag', { hasText: 'Clusters' }).click();
  const create = page.locator('.opblock-post', { hasText: '/replication/api/cluster/create' });
  await expect(create).toBeVisible();
  await create.locator('.opblock-summary').click();
  await expect(create.locator('.responses-wrapper')).toContainText('250305 CLUSTER_NODE_EXISTS');
  await expect(create.locator('.opblock-section-request-body')).toContainText('name');
  await snap(page, 'api-reference');

  expect(elsewhere).toEqual([]);
  expect(refused.filter((text) => !/favicon\.ico/.test(text))).toEqual([]);
});

test('other pages do not load the API reference renderer', async ({ signedIn: page }) => {
  const scripts: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
  });
  await page.goto('/tokens');
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const bodies = await Promise.all(scripts);
  expect(bodies.length).toBeGreaterThan(0);
  expect(bodies.filter((body) => body.includes('swagger-ui'))).toEqual([]);
});

test.describe('on a 375 px wide screen', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the API reference does not scroll the page sideways', async ({ signedIn: page }) => {
    await page.goto('/api-reference');
    await page.locator('.opblock-tag', { hasText: 'Distribution configs' }).click();
    const operation = page.locator('.opblock-post', { hasText: '/create/{projectId}/{repoName}' }).first();
    await operation.locator('.opblock-summary').click();
    await expect(operation.locator('.responses-wrapper')).toContainText('250310');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
