'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Pager } from '@/components/ui/pager';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { DataTable } from '@/components/ui/table';
import { type PackageSummary, type PackageVersion, usePackages, useVersions } from '@/lib/artifacts/hooks';
import { formatBytes, formatServerTime, shortDigest } from '@/lib/format/format';

/** Images of a DOCKER repository, and the tags of the one opened, with a pull command to copy. */
export function ImageBrowser({ projectId, repoName }: { projectId: string; repoName: string }) {
  const [pageNumber, setPage] = useState(1);
  const [image, setImage] = useState<PackageSummary | null>(null);
  const packages = usePackages(projectId, repoName, pageNumber);
  const host = typeof window === 'undefined' ? 'ferry' : window.location.host;
  if (image) return <ImageTags projectId={projectId} repoName={repoName} image={image} host={host} onBack={() => setImage(null)} />;
  const empty = (
    <EmptyState title="No images yet">
      Push one with <code>{`docker push ${host}/${projectId}/${repoName}/<image>:<tag>`}</code>
    </EmptyState>
  );
  return (
    <QueryView query={packages} loading="Loading images" errorTitle="Could not list images" empty={empty}>
      {(page) => (
        <div className="stack">
          <DataTable caption="Images" columns={['Image', 'Latest tag', 'Tags', 'Modified']}>
            {page.records.map((pkg) => (
              <tr key={pkg.key}>
                <td>
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => setImage(pkg)}>
                    {pkg.name}
                  </button>
                </td>
                <td>{pkg.latest ?? '—'}</td>
                <td className="num">{pkg.versions}</td>
                <td>{formatServerTime(pkg.lastModifiedDate)}</td>
              </tr>
            ))}
          </DataTable>
          <Pager page={pageNumber} totalPages={page.totalPages} onPage={setPage} />
        </div>
      )}
    </QueryView>
  );
}

function ImageTags({
  projectId,
  repoName,
  image,
  host,
  onBack,
}: {
  projectId: string;
  repoName: string;
  image: PackageSummary;
  host: string;
  onBack: () => void;
}) {
  const versions = useVersions(projectId, repoName, image.key);
  return (
    <div className="stack">
      <div className="row">
        <Button size="sm" onClick={onBack}>
          ← All images
        </Button>
        <h2 className="flush">{image.name}</h2>
      </div>
      <QueryView query={versions} loading="Loading tags" errorTitle="Could not list tags" empty={<EmptyState title="No tags" />}>
        {(tags) => (
          <DataTable caption={`Tags of ${image.name}`} columns={['Tag', 'Digest', 'Size', 'Platforms', 'Pull command']}>
            {tags.records.map((version) => {
              const pull = `docker pull ${host}/${projectId}/${repoName}/${image.name}:${version.name}`;
              return (
                <tr key={version.name} data-testid={`tag-row-${version.name}`}>
                  <td>{version.name}</td>
                  <td className="mono" title={version.digest ?? undefined}>
                    {shortDigest(version.digest)}
                  </td>
                  <td className="num">{formatBytes(version.size)}</td>
                  <td>{describePlatforms(version.platforms)}</td>
                  <td>
                    <div className="row">
                      <code>{pull}</code>
                      <CopyButton text={pull} label="Copy" />
                    </div>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </QueryView>
    </div>
  );
}

/** "linux/amd64, linux/arm64/v8"; a manifest without platform fields (an artifact, not an image) shows a dash. */
function describePlatforms(platforms: PackageVersion['platforms']): string {
  const names = (platforms ?? []).map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/')).filter(Boolean);
  return names.length ? names.join(', ') : '—';
}
