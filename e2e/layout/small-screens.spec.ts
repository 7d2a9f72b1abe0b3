import { createProjectWithRepos, expect, test } from '../support/fixtures';

test.use({ viewport: { width: 375, height: 812 } });

test('every page fits a 375 px wide screen without sideways scrolling of the page', async ({ signedIn: page, api, snap }) => {
  const { projectId } = await createProjectWithRepos(api);
  await api.post(`/replication/api/remote/distribution/create/${projectId}/images`, {
    configs: [
      {
        name: 'cfg_small',
        registry: 'registry.example.com/library',
        replicaType: 'SCHEDULED',
        setting: { executionStrategy: 'CRON_EXPRESSION', executionPlan: { cronExpression: '0 0 2 * * ?' } },
      },
    ],
  });
  const pages = [
    ['/', 'Overview'],
    ['/projects', 'Projects'],
    [`/projects/${projectId}`, projectId],
    [`/projects/${projectId}/images/configs`, 'images'],
    [`/projects/${projectId}/images/configs/new`, 'images'],
    [`/projects/${projectId}/images/tasks`, 'images'],
    ['/clusters', 'Clusters'],
    ['/tokens', 'API tokens'],
  ] as const;
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const overflow = await page.evaluate(() => ({
      by: document.documentElement.scrollWidth - window.innerWidth,
      culprits: Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-wrap'))
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className}`),
    }));
    expect(overflow.by, `${path} scrolls sideways: ${JSON.stringify(overflow)}`).toBeLessThanOrEqual(0);
    await snap(page, `small${path.replaceAll('/', '_') || '_home'}`);
  }
});
