import { describe, expect, it } from 'vitest';
import { auditableProjects, can, type Rights, whyNot } from './rights';

const bob: Rights = {
  username: 'bob',
  admin: false,
  roles: [
    { projectId: 'p', role: 'VIEWER' },
    { projectId: 'q', role: 'PROJECT_ADMIN' },
  ],
  token: null,
};
const root: Rights = { username: 'admin', admin: true, roles: [], token: null };

describe('can', () => {
  it('follows the role order VIEWER < MAINTAINER < PROJECT_ADMIN', () => {
    expect(can(bob, 'p', 'VIEWER')).toBe(true);
    expect(can(bob, 'p', 'MAINTAINER')).toBe(false);
    expect(can(bob, 'q', 'MAINTAINER')).toBe(true);
    expect(can(bob, 'q', 'PROJECT_ADMIN')).toBe(true);
  });
  it('refuses non-members and administrator-only actions to members', () => {
    expect(can(bob, 'other', 'VIEWER')).toBe(false);
    expect(can(bob, null, 'ADMIN')).toBe(false);
    expect(can(bob, 'q', 'ADMIN')).toBe(false);
  });
  it('lets administrators do everything', () => {
    expect(can(root, 'anything', 'PROJECT_ADMIN')).toBe(true);
    expect(can(root, null, 'ADMIN')).toBe(true);
  });
  it('narrows by the token scope: READ is VIEWER-level, a project token sees one project', () => {
    const read: Rights = { ...bob, token: { projectId: null, access: 'READ' } };
    expect(can(read, 'q', 'VIEWER')).toBe(true);
    expect(can(read, 'q', 'MAINTAINER')).toBe(false);
    const scopedAdmin: Rights = { ...root, token: { projectId: 'q', access: 'WRITE' } };
    expect(can(scopedAdmin, 'q', 'PROJECT_ADMIN')).toBe(true);
    expect(can(scopedAdmin, 'p', 'VIEWER')).toBe(false);
    expect(can(scopedAdmin, null, 'ADMIN')).toBe(false);
  });
});

describe('whyNot', () => {
  it('says what is needed and what the user has', () => {
    expect(whyNot(bob, 'p', 'MAINTAINER')).toBe('you need MAINTAINER on project p; you are VIEWER');
    expect(whyNot(bob, 'x', 'VIEWER')).toBe('you need VIEWER on project x; you are not a member');
    expect(whyNot(bob, null, 'ADMIN')).toBe('you need to be an administrator');
    expect(whyNot(bob, 'q', 'PROJECT_ADMIN')).toBeNull();
  });
});

describe('auditableProjects', () => {
  it('is every project for administrators and the administered ones for project admins', () => {
    expect(auditableProjects(root)).toBe('ALL');
    expect(auditableProjects(bob)).toEqual(['q']);
  });
});
