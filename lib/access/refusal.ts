import { AppError } from '../http/app-error';
import { ErrorCode, type ErrorCodeValue } from '../http/error-codes';

/**
 * An access check's refusal: 403 for a missing role, or the not-found answer a non-member gets.
 * Its own class so the route wrapper can audit it as DENIED rather than FAILED.
 */
export class AccessRefusal extends AppError {
  constructor(code: ErrorCodeValue, message: string, field?: string) {
    super(code, message, field);
    this.name = 'AccessRefusal';
  }

  static forbidden(message: string): AccessRefusal {
    return new AccessRefusal(ErrorCode.PERMISSION_DENIED, message);
  }
}

/** What a non-member gets: exactly what a missing project or repository answers. */
export function notFoundFor(target: { projectName: string; repoName?: string }): AccessRefusal {
  if (target.repoName !== undefined) {
    return new AccessRefusal(ErrorCode.REPOSITORY_NOT_FOUND, `Repository [${target.projectName}/${target.repoName}] not found`, 'repoName');
  }
  return new AccessRefusal(ErrorCode.RESOURCE_NOT_FOUND, `Project [${target.projectName}] not found`, 'projectId');
}
