import type { RegistryEndpoint } from '../oci-client/registry-client';
import { OCI_PATH_COMPONENT } from '../projects/schemas';

/**
 * A config's registry: the endpoint the push client takes as is (scheme https unless the user
 * wrote http://, meant for loopback registries; host[:port] as written) and the namespace.
 */
export type RegistryAddress = RegistryEndpoint & {
  /** Repository path prefix images are pushed under: {namespace}/{image}:{tag}. */
  namespace: string;
};

const HOST = String.raw`(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)`;
const REGISTRY = new RegExp(String.raw`^(?:(https?)://)?(${HOST})(?::(\d{1,5}))?/(.+)$`);

/** Parses `[http(s)://]host[:port]/repository/path`; returns a reason when it is not one. */
export function parseRegistryAddress(text: string): RegistryAddress | { error: string } {
  // Credentials in the address would be stored in clear and echoed back by every read.
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/]*@/i.test(text.trim())) {
    return { error: 'must not contain credentials (user:password@): use the username and password fields' };
  }
  const match = REGISTRY.exec(text.trim().replace(/\/+$/, ''));
  if (!match) return { error: 'must look like host[:port]/namespace, optionally prefixed with http:// or https://' };
  const [, scheme, hostname, port, path] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return { error: `port ${port} is out of range 1-65535` };
  const components = (path ?? '').split('/');
  const bad = components.find((component) => !OCI_PATH_COMPONENT.test(component));
  if (bad !== undefined) {
    return { error: `namespace component '${bad}' is not a valid OCI repository name (lowercase letters, digits, ., _, -)` };
  }
  return {
    scheme: scheme === 'http' ? 'http' : 'https',
    host: port ? `${hostname}:${port}` : (hostname ?? ''),
    namespace: components.join('/'),
  };
}
