import { type ApiClient, apiClient, dataOf } from '../support/api-client';
import { uniqueName } from '../support/harness';

export const USER_PASSWORD = 'user-test-password';

/** Creates a user through the API as `admin` and returns a client signed in as it. */
export async function createUser(admin: ApiClient, baseUrl: string, options: { admin?: boolean } = {}) {
  const userId = uniqueName('user');
  dataOf(
    await admin.post('/repository/api/user/create', { userId, name: `Name ${userId}`, password: USER_PASSWORD, admin: options.admin }),
  );
  return { userId, api: apiClient(baseUrl, { username: userId, password: USER_PASSWORD }) };
}

export async function setMember(admin: ApiClient, projectId: string, userId: string, role: string) {
  return dataOf(await admin.post(`/repository/api/project/member/${projectId}`, { userId, role }));
}

export async function createToken(api: ApiClient, body: Record<string, unknown> = {}) {
  return dataOf(
    await api.post<{ token: string; projectId: string | null; access: string }>('/repository/api/token/create', {
      name: uniqueName('tok'),
      ...body,
    }),
  );
}

export type AuditRow = {
  id: number;
  userId: string | null;
  action: string;
  projectId: string | null;
  repoName: string | null;
  resource: string;
  outcome: string;
  detail: Record<string, unknown>;
  traceId: string;
};

export async function auditRows(admin: ApiClient, query: string) {
  return dataOf(await admin.get<{ records: AuditRow[]; nextAfterId: number | null }>(`/repository/api/admin/audit?${query}`)).records;
}
