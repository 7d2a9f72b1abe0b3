import { z } from 'zod';
import { projectRoles } from '../access/roles';

/** Body of POST /repository/api/project/member/{projectId}: add a member or change its role. */
export const setMemberSchema = z.object({
  userId: z.string().trim().min(1).max(64),
  role: z.enum(projectRoles),
});

export type MemberInfo = { userId: string; name: string; role: (typeof projectRoles)[number] };

export type SetMemberInput = z.input<typeof setMemberSchema>;
