'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Pager } from '@/components/ui/pager';
import { EmptyState, ErrorState, TableSkeleton } from '@/components/ui/states';
import { type PackageSummary, type PackageVersion, usePackages, useVersions } from '@/lib/artifacts/hooks';
import { formatBytes, formatServerTime, shortDigest } from '@/lib/format/format';

/** Images of a DOCKER repository, and the tags of the one opened, with a pull command to copy. */
export function ImageBrowser({ projectId, repoName }: { projectId: string; repoName: string }) {
  const [page, setPage] = useState(1);
  const [image, setImage] = useState<PackageSummary | null>(null);
  const packages = usePackages(projectId, repoName, page);
  const host = typeof window === 'undefined' ? 'ferry' : window.location.host;
  if (image) return <ImageTags projectId={projectId} repoName={repoName} image={image} host={host} onBack={() => setImage(null)} />;
  if (packages.isPending) return <TableSkeleton label="Loading images" />;
  if (packages.isError) return <ErrorState title="Could not list images" error={packages.error} onRetry={() => packages.refetch()} />;
  if (packages.data.records.length === 0) {
    return (
      <EmptyState title="No images yet">
        Push one with <code>{`docker push ${host}/${projectId}/${repoName}/<image>:<tag>`}</code>
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Images</caption>
          <thead>
            <tr>
              <th scope="col">Image</th>
              <th scope="col">Latest tag</th>
              <th scope="col">Tags</th>
              <th scope="col">Modified</th>
            </tr>
          </thead>
          <tbody>
            {packages.data.records.map((pkg) => (
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
          </tbody>
        </table>
      </div>
      <Pager page={page} totalPages={packages.data.totalPages} onPage={setPage} />
    </div>
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
      {versions.isPending ? (
        <TableSkeleton label="Loading tags" />
      ) : versions.isError ? (
        <ErrorState title="Could not list tags" error={versions.error} onRetry={() => versions.refetch()} />
      ) : versions.data.records.length === 0 ? (
        <EmptyState title="No tags" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Tags of {image.name}</caption>
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Digest</th>
                <th scope="col">Size</th>
                <th scope="col">Platforms</th>
                <th scope="col">Pull command</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.records.map((version) => {
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
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** "linux/amd64, linux/arm64/v8"; a manifest without platform fields (an artifact, not an image) shows a dash. */
function describePlatforms(platforms: PackageVersion['platforms']): string {
  const names = (platforms ?? []).map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/')).filter(Boolean);
  return names.length ? names.join(', ') : '—';
}
