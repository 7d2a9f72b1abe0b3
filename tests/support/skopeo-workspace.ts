import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { apiClient } from './api-client';
import { ensureSkopeo } from './ensure-skopeo';
import { createProjectWithRepo } from './factories';
import { type FerryServer, startFerry } from './ferry-server';

type SkopeoWorkspace = {
  readonly server: FerryServer;
  /** host:port of the server, as skopeo's docker:// references name it. */
  readonly host: string;
  /** `projectId/repoName` of a fresh DOCKER repository: the prefix of the file's image names. */
  readonly base: string;
  /** A scratch folder for OCI layouts, removed after the file. */
  readonly work: string;
};

/** For the suites that drive skopeo: skopeo present, one Ferry with a DOCKER repository, a scratch folder. */
export function skopeoWorkspaceForFile(scratchPrefix: string): SkopeoWorkspace {
  let server: FerryServer | undefined;
  let base: string | undefined;
  let work: string | undefined;
  beforeAll(async () => {
    await ensureSkopeo();
    server = await startFerry();
    const { projectId, repoName } = await createProjectWithRepo(apiClient(server.url));
    base = `${projectId}/${repoName}`;
    work = await mkdtemp(path.join(tmpdir(), scratchPrefix));
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the skopeo workspace is not set up yet: use it inside a test');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get host() {
      return new URL(started(server).url).host;
    },
    get base() {
      return started(base);
    },
    get work() {
      return started(work);
    },
  };
}
