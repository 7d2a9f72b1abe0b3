import type { MemberInfo } from '@/lib/members/schemas';

/** Each role with what it adds, as the role pickers show them. */
export const ROLE_OPTIONS: { value: MemberInfo['role']; label: string; description: string }[] = [
  { value: 'VIEWER', label: 'Viewer', description: 'Read the project: repositories, files, images, configs, tasks and runs.' },
  { value: 'MAINTAINER', label: 'Maintainer', description: 'Also upload and delete artifacts, change configs, run tasks.' },
  { value: 'PROJECT_ADMIN', label: 'Project admin', description: 'Also manage members and repositories, read the audit log.' },
];
