import { beforeAll, describe, expect, it } from 'vitest';
import { createUnitRepository, unitDatabaseForFile } from '../../tests/support/unit-database';
import { projectMembers, users } from '../db/schema';
import type { Principal } from './principal';
import { requireAdmin, requireProjectRole, visibleProjectNames } from './project-access';

const unit = unitDatabaseForFile();
let project: string;
beforeAll(async () => {
  const db = unit.db;
  project = (await createUnitRepository(db)).projectName;
  await db.insert(users).values({ id: 'u-bob', username: 'bob', passwordHash: 'x' });
  await db.insert(projectMembers).values({ projectName: project, userId: 'u-bob', role: 'VIEWER' });
});

const bob: Principal = { userId: 'u-bob', username: 'bob', via: 'password', admin: false, token: null };
const outsider: Principal = { userId: 'u-eve', username: 'eve', via: 'password', admin: false, token: null };
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { status: number; message: string }) => error,
  );

describe('project access', () => {
  it('lets a VIEWER read and names user, project and the role needed when it writes', async () => {
    await expect(requireProjectRole(unit.db, bob, { projectName: project }, 'VIEWER')).resolves.toBe('VIEWER');
    const error = await refusal(requireProjectRole(unit.db, bob, { projectName: project, repoName: 'repo' }, 'MAINTAINER'));
    expect(error).toMatchObject({
      status: 403,
      code: 250114,
      message: `user [bob] is VIEWER on project [${project}]; MAINTAINER is needed`,
    });
  });

  it('answers a non-member as if the repository did not exist', async () => {
    const error = await refusal(requireProjectRole(unit.db, outsider, { projectName: project, repoName: 'repo' }, 'VIEWER'));
    expect(error).toMatchObject({ status: 404, code: 251006, message: `Repository [${project}/repo] not found` });
    expect(await visibleProjectNames(unit.db, outsider)).toEqual([]);
  });

  it('caps a READ token at VIEWER and hides other projects from a project-scoped token', async () => {
    const admin: Principal = { ...bob, admin: true, token: { id: 't', name: 'ci', projectName: project, access: 'READ' } };
    const error = await refusal(requireProjectRole(unit.db, admin, { projectName: project }, 'MAINTAINER'));
    expect(error).toMatchObject({ status: 403, message: 'token [ci] is READ; WRITE is needed' });
    const elsewhere = await refusal(requireProjectRole(unit.db, admin, { projectName: 'other' }, 'VIEWER'));
    expect(elsewhere).toMatchObject({ status: 404, message: 'Project [other] not found' });
    expect(await visibleProjectNames(unit.db, admin)).toEqual([project]);
    expect(() => requireAdmin(admin, { write: false })).toThrow(/scoped to project/);
    expect(() => requireAdmin(bob, { write: false })).toThrow('user [bob] is not an administrator');
  });
});
