import { projectRoles } from '../db/schema';

export type ProjectRole = (typeof projectRoles)[number];
export { projectRoles };

/** An administrator ranks above every project role. */
export type Rank = ProjectRole | 'ADMIN';

const ORDER: Record<Rank, number> = { VIEWER: 1, MAINTAINER: 2, PROJECT_ADMIN: 3, ADMIN: 4 };

export function rankAtLeast(rank: Rank | null, needed: ProjectRole): boolean {
  return rank !== null && ORDER[rank] >= ORDER[needed];
}

export function lowerRank(a: Rank, b: Rank): Rank {
  return ORDER[a] <= ORDER[b] ? a : b;
}
