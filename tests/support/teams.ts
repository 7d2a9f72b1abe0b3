import { type ApiClient, apiClient, dataOf } from './api-client';

// Users, project members and scoped API tokens through the Teams API, as an administrator's
// script would set them up.

export type ProjectRole = 'VIEWER' | 'MAINTAINER' | 'PROJECT_ADMIN';
export type TokenAccess = 'READ' | 'WRITE';

export async function createUser(admin: ApiClient, user: { userId: string; password: string; admin?: boolean }) {
  return dataOf(
    await admin.post<{ userId: string; name: string; admin: boolean }>('/repository/api/user/create', {
      userId: user.userId,
      name: `${user.userId} (test)`,
      password: user.password,
      admin: user.admin ?? false,
    }),
  );
}

export async function setMember(admin: ApiClient, projectId: string, userId: string, role: ProjectRole) {
  return dataOf(await admin.post<{ userId: string; role: ProjectRole }>(`/repository/api/project/member/${projectId}`, { userId, role }));
}

/** Creates an API token as its owner (tokens are always the caller's own); returns the secret. */
export async function createToken(
  baseUrl: string,
  owner: { username: string; password: string },
  token: { name: string; projectId?: string; access?: TokenAccess },
): Promise<string> {
  const created = dataOf(
    await apiClient(baseUrl, owner).post<{ token: string; projectId: string | null; access: TokenAccess }>(
      '/repository/api/token/create',
      token,
    ),
  );
  return created.token;
}
