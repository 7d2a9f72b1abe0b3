import { randomBytes } from 'node:crypto';
import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { pushImageToFerry, uploadFile } from '../../tests/support/artifacts';
import type { BuiltImage } from '../../tests/support/oci-images';
import { ADMIN_PASSWORD, type E2eState, readState } from './state';

export const uniqueName = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}`;

type Api = {
  post: <T = unknown>(path: string, body?: unknown) => Promise<T>;
  get: <T = unknown>(path: string) => Promise<T>;
};

type Fixtures = {
  /** A page already signed in as admin (through the login endpoint, sharing the browser's cookies). */
  signedIn: Page;
  /** The REST API with Basic credentials, to create a test's own data quickly. */
  api: Api;
  peerUrl: string;
  /** The docker-registry global set-up started. */
  registry: Pick<E2eState, 'registryUrl' | 'registryHost'>;
  /** Saves a full-page screenshot as a test artefact. */
  snap: (page: Page, name: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their first argument
  baseURL: async ({}, use) => use(readState().url),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their first argument
  peerUrl: async ({}, use) => use(readState().peerUrl),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their first argument
  registry: async ({}, use) => use(readState()),
  signedIn: async ({ page }, use) => {
    const response = await page.request.post('/repository/api/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(response.ok()).toBe(true);
    await use(page);
  },
  api: async ({ playwright }, use) => {
    const context = await playwright.request.newContext({
      baseURL: readState().url,
      extraHTTPHeaders: { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
    });
    const unwrap = async <T>(response: Awaited<ReturnType<typeof context.get>>): Promise<T> => {
      const body = (await response.json()) as { code: number; message: string | null; data: T };
      if (body.code !== 0) throw new Error(`${response.url()} → ${body.code}: ${body.message}`);
      return body.data;
    };
    await use({
      post: async (path, body) => unwrap(await context.post(path, { data: body ?? {} })),
      get: async (path) => unwrap(await context.get(path)),
    });
    await context.dispose();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their first argument
  snap: async ({}, use, testInfo: TestInfo) => {
    await use(async (page, name) => {
      await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    });
  },
});

export { expect };

/** Creates a project with one repository of each type through the API. */
export async function createProjectWithRepos(api: Api) {
  const projectId = uniqueName('proj');
  await api.post('/repository/api/project/create', { name: projectId, displayName: projectId });
  await api.post('/repository/api/repo/create', { projectId, name: 'files', type: 'GENERIC' });
  await api.post('/repository/api/repo/create', { projectId, name: 'images', type: 'DOCKER' });
  return { projectId };
}

/** Registers the peer Ferry the global set-up started as a cluster node; returns its name. */
export async function createPeerCluster(api: Api, peerUrl: string): Promise<string> {
  const name = uniqueName('peer');
  await api.post('/replication/api/cluster/create', { name, url: peerUrl, username: 'admin', password: ADMIN_PASSWORD });
  return name;
}

/**
 * A fresh project, the peer as a cluster, and the new-config form of its GENERIC repository filled
 * with `name` and that cluster (remote project = a fresh name, remote repository `files`).
 */
export async function openClusterConfigForm(page: Page, api: Api, options: { peerUrl: string; name: string }) {
  const { projectId } = await createProjectWithRepos(api);
  const clusterName = await createPeerCluster(api, options.peerUrl);
  const remoteProject = uniqueName('mirror');
  await page.goto(`/projects/${projectId}/files/configs/new`);
  await page.getByLabel('Name', { exact: true }).fill(options.name);
  await page.getByLabel('Cluster', { exact: true }).click();
  await page.getByRole('option', { name: new RegExp(clusterName) }).click();
  await page.getByLabel('Remote project').fill(remoteProject);
  await page.getByLabel('Remote repository').fill('files');
  return { projectId, remoteProject };
}

/** Types each value into a chips input (ChipsInput), pressing Enter to add it. */
export async function addChips(input: Locator, values: string[]) {
  for (const value of values) {
    await input.fill(value);
    await input.press('Enter');
  }
}

/** Toasts are role=status in Radix; Next's route announcer is role=alert, so match by test id. */
export const toastWith = (page: Page, text: string | RegExp) => page.getByTestId('toast').filter({ hasText: text });

/** Pushes an image into a Ferry DOCKER repository over /v2/ (the runner's own push client). */
export async function pushImage(target: { projectId: string; repoName: string; image: string; tag: string }, image: BuiltImage) {
  await pushImageToFerry(readState().url, target, image, ADMIN_PASSWORD);
}

/** Stores a file through the generic API with Basic credentials (as curl would). */
export async function putFile(baseUrl: string, target: { projectId: string; repoName: string; path: string }, content: Buffer) {
  const response = await uploadFile(baseUrl, target, content, {}, ADMIN_PASSWORD);
  expect(response.status, await response.text()).toBe(200);
}

/** Reads a file through the generic API of a Ferry server: status and bytes. */
export async function getFile(baseUrl: string, target: { projectId: string; repoName: string; path: string }) {
  const response = await fetch(`${baseUrl}/generic/${target.projectId}/${target.repoName}${target.path}`, {
    headers: { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

/** The digest a docker-registry holds for a tag (HEAD /v2/<name>/manifests/<tag>), or null. */
export async function registryDigest(registryUrl: string, name: string, tag: string): Promise<string | null> {
  const response = await fetch(`${registryUrl}/v2/${name}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json' },
  });
  return response.status === 200 ? response.headers.get('docker-content-digest') : null;
}

/** Waits until the newest run of a config or task (by taskKey) has this status. */
export async function expectLatestRun(api: Api, taskKey: string, status: string, timeout = 30_000) {
  await expect
    .poll(
      async () => (await api.get<{ records: Array<{ status: string }> }>(`/replication/api/execution/list/${taskKey}`)).records[0]?.status,
      {
        timeout,
      },
    )
    .toBe(status);
}
