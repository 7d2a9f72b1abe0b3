import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ADMIN_PASSWORD = 'e2e-admin-password';
export const STATE_FILE = path.resolve('.tmp/e2e/state.json');

/** Where global set-up started the servers. */
export type E2eState = {
  url: string;
  peerUrl: string;
  /** A real Debian docker-registry on loopback, open (no auth): `http://127.0.0.1:<port>`. */
  registryUrl: string;
  /** host:port of that registry. */
  registryHost: string;
};

export function readState(): E2eState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}
