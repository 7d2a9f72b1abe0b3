import { afterAll, beforeAll } from 'vitest';
import { type ApiClient, apiClient } from './api-client';
import { type FerryServer, startFerry } from './ferry-server';

export type FerryForFile = { readonly server: FerryServer; readonly api: ApiClient };

/**
 * One Ferry for the test file that calls it: started before its tests on a fresh database, stopped
 * after them. `server` and `api` (an admin client) are there from the first test on.
 */
export function ferryForFile(options: Parameters<typeof startFerry>[0] = {}): FerryForFile {
  let server: FerryServer | undefined;
  let api: ApiClient | undefined;
  beforeAll(async () => {
    server = await startFerry(options);
    api = apiClient(server.url);
  });
  afterAll(() => server?.stop());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('Ferry is not started yet: use it inside a test or a later hook');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get api() {
      return started(api);
    },
  };
}
