import { afterAll, beforeAll } from 'vitest';
import { type ApiClient, apiClient } from './api-client';
import { type FerryServer, startFerry } from './ferry-server';
import { setUp } from './set-up';

type FerryForFile = { readonly server: FerryServer; readonly api: ApiClient };

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
  return {
    get server() {
      return setUp(server);
    },
    get api() {
      return setUp(api);
    },
  };
}
