import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ensureSkopeo } from './ensure-skopeo';
import { createProjectWithRepo } from './factories';
import { ferryForFile } from './ferry-for-file';
import type { FerryServer } from './ferry-server';
import { setUp } from './set-up';

type SkopeoWorkspace = {
  readonly server: FerryServer;
  /** host:port of the server, as skopeo's docker:// references name it. */
  readonly host: string;
  /** `projectId/repoName` of a fresh DOCKER repository: the prefix of the file's image names. */
  readonly base: string;
  /** A scratch folder for OCI layouts, removed after the file. */
  readonly work: string;
};

/** For the suites that drive skopeo: skopeo installed, one Ferry with a DOCKER repository, a scratch folder. */
export function skopeoWorkspaceForFile(scratchPrefix: string): SkopeoWorkspace {
  // Registered first, so it runs first; installing skopeo may take minutes.
  beforeAll(() => ensureSkopeo(), 300_000);
  const ferry = ferryForFile();
  let base: string | undefined;
  let work: string | undefined;
  beforeAll(async () => {
    const { projectId, repoName } = await createProjectWithRepo(ferry.api);
    base = `${projectId}/${repoName}`;
    work = await mkdtemp(path.join(tmpdir(), scratchPrefix));
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });
  return {
    get server() {
      return ferry.server;
    },
    get host() {
      return new URL(ferry.server.url).host;
    },
    get base() {
      return setUp(base);
    },
    get work() {
      return setUp(work);
    },
  };
}
