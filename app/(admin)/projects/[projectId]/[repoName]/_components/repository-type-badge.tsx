'use client';
import { Badge } from '@/components/ui/badge';
import { useRepository } from '@/lib/projects/hooks';

export function RepositoryTypeBadge({ projectId, repoName }: { projectId: string; repoName: string }) {
  const repo = useRepository(projectId, repoName);
  return repo.data ? <Badge>{repo.data.type}</Badge> : null;
}
