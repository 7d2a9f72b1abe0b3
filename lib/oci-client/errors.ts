/** A failed registry call, phrased so a user can act on it. `transient` errors are retried. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

const hints: Record<number, string> = {
  401: 'check the username/password',
  403: 'the account may not push to this repository',
  404: 'check the registry address and namespace',
  413: 'the registry refused the size',
};

export function registryHttpError(status: number, host: string, action: string, detail?: string): RegistryError {
  const hint = hints[status] ?? (status >= 500 ? 'the registry failed; retried' : 'unexpected answer');
  const suffix = detail ? ` (${detail})` : '';
  return new RegistryError(
    `${status} from registry ${host} while ${action}: ${hint}${suffix}`,
    status,
    status === 429 || status === 408 || status >= 500,
  );
}

export function isTransient(error: unknown): boolean {
  if (error instanceof RegistryError) return error.transient;
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return [
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'UND_ERR_SOCKET',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CONNECT_TIMEOUT',
  ].includes(code ?? '');
}
