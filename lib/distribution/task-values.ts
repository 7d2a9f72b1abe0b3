import { getClusterOrThrow } from '../clusters/queries';
import { encryptSecret } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { AppError } from '../http/app-error';
import type { RepositoryRow } from '../projects/queries';
import type { TaskRow, TaskValues } from './queries';
import { parseRegistryAddress } from './registry-address';

export type ValidatedTarget = {
  clusterId?: string;
  registry?: string;
  username?: string;
  password?: string;
  certificate?: string;
  remoteProjectId?: string;
  remoteRepoName?: string;
};

type TargetColumns = Pick<
  TaskValues,
  'clusterId' | 'remoteProjectId' | 'remoteRepoName' | 'registry' | 'username' | 'passwordEncrypted' | 'certificate'
>;

/**
 * Checks the target against the database and returns its columns. A password not sent is kept
 * only while the registry host stays the same, so stored credentials never go to a new host.
 */
export async function resolveTarget(
  db: Db,
  target: ValidatedTarget,
  context: { repository: RepositoryRow; existing?: TaskRow; fieldPrefix: string },
): Promise<TargetColumns> {
  const field = (name: string) => (context.fieldPrefix ? `${context.fieldPrefix}.${name}` : name);
  if (target.clusterId) {
    await getClusterOrThrow(db, { id: target.clusterId }, field('clusterId'));
    return {
      clusterId: target.clusterId,
      remoteProjectId: target.remoteProjectId ?? null,
      remoteRepoName: target.remoteRepoName ?? null,
      registry: null,
      username: null,
      passwordEncrypted: null,
      certificate: null,
    };
  }
  if (context.repository.type !== 'DOCKER') {
    throw AppError.invalid(
      field('registry'),
      `a registry receives images only; repository ${context.repository.projectName}/${context.repository.name} is ${context.repository.type} (use a clusterId target)`,
    );
  }
  const registry = target.registry ?? '';
  const previous = context.existing;
  const sameHost = previous?.registry != null && registryHost(previous.registry) === registryHost(registry);
  return {
    clusterId: null,
    remoteProjectId: null,
    remoteRepoName: null,
    registry,
    username: target.username ?? null,
    passwordEncrypted: target.password ? encryptSecret(target.password) : sameHost ? (previous?.passwordEncrypted ?? null) : null,
    certificate: target.certificate ?? null,
  };
}

function registryHost(registry: string): string | undefined {
  const address = parseRegistryAddress(registry);
  return 'error' in address ? undefined : `${address.scheme}://${address.host}`.toLowerCase();
}
