'use client';
import { usePackages } from '@/lib/artifacts/hooks';

/** The repository's image names, as suggestions for inputs with `list={id}`. */
export function PackageNames({ id, projectId, repoName }: { id: string; projectId: string; repoName: string }) {
  const packages = usePackages(projectId, repoName, 1, 100);
  return (
    <datalist id={id}>
      {(packages.data?.records ?? []).map((pkg) => (
        <option key={pkg.key} value={pkg.name} />
      ))}
    </datalist>
  );
}
