'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { Pager } from '@/components/ui/pager';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { ACTIONS, DataTable } from '@/components/ui/table';
import { downloadUrl, type NodeInfo, useNodes } from '@/lib/artifacts/hooks';
import { formatBytes, formatServerTime } from '@/lib/format/format';
import { UploadPanel } from './upload-panel';

/** Folders and files of a GENERIC repository; the folder is in ?path= so it survives reloads and links. */
export function FileBrowser({ projectId, repoName }: { projectId: string; repoName: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const folder = normaliseFolder(params.get('path') ?? '/');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<NodeInfo | null>(null);
  const nodes = useNodes(projectId, repoName, folder, page);
  const open = (path: string) => {
    setPage(1);
    router.push(`${pathname}?path=${encodeURIComponent(path)}`);
  };
  const segments = folder.split('/').filter(Boolean);
  return (
    <div className="stack">
      <div className="row between">
        <nav className="crumbs flush" aria-label="Folder">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => open('/')}>
            {repoName}
          </button>
          {segments.map((segment, index) => (
            <span key={segments.slice(0, index + 1).join('/')} className="row">
              /
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => open(`/${segments.slice(0, index + 1).join('/')}`)}>
                {segment}
              </button>
            </span>
          ))}
        </nav>
      </div>
      <UploadPanel projectId={projectId} repoName={repoName} folder={folder} />
      <QueryView
        query={nodes}
        loading="Loading files"
        errorTitle="Could not list this folder"
        empty={
          <EmptyState title="This folder is empty">
            Upload a file above, or PUT one to /generic/{`${projectId}/${repoName}${folder}`}.
          </EmptyState>
        }
      >
        {(listing) => (
          <>
            <DataTable caption={`Contents of ${folder}`} columns={['Name', 'Size', 'sha256', 'Modified', ACTIONS]}>
              {listing.records.map((node) => (
                <tr key={node.fullPath}>
                  <td>
                    {node.folder ? (
                      <button type="button" className="btn btn-ghost btn-sm" onClick={() => open(node.fullPath)}>
                        📁 {node.name}
                      </button>
                    ) : (
                      <button type="button" className="btn btn-ghost btn-sm" onClick={() => setSelected(node)}>
                        {node.name}
                      </button>
                    )}
                  </td>
                  <td className="num">{node.folder ? '—' : formatBytes(node.size)}</td>
                  <td className="mono">{node.sha256 ? `${node.sha256.slice(0, 16)}…` : '—'}</td>
                  <td>{formatServerTime(node.lastModifiedDate)}</td>
                  <td>
                    {node.folder ? null : (
                      <a className="btn btn-sm" href={downloadUrl(projectId, repoName, node.fullPath)} download={node.name}>
                        Download
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
            <Pager page={page} totalPages={listing.totalPages} onPage={setPage} />
          </>
        )}
      </QueryView>
      <Dialog open={selected !== null} onOpenChange={(isOpen) => !isOpen && setSelected(null)}>
        {selected ? (
          <DialogContent title={selected.name} description={selected.fullPath}>
            <dl className="stack flush">
              <Detail label="Size" value={`${formatBytes(selected.size)} (${selected.size} bytes)`} />
              <Detail label="sha256" value={selected.sha256 ?? '—'} mono />
              <Detail label="md5" value={selected.md5 ?? '—'} mono />
              <Detail label="Modified" value={formatServerTime(selected.lastModifiedDate)} />
              <Detail
                label="Metadata"
                value={selected.metadata && Object.keys(selected.metadata).length ? JSON.stringify(selected.metadata, null, 2) : 'none'}
                mono
              />
            </dl>
            <div className="dialog-actions">
              <a className="btn btn-primary" href={downloadUrl(projectId, repoName, selected.fullPath)} download={selected.name}>
                Download
              </a>
            </div>
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}

function Detail({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <dt className="label">{label}</dt>
      <dd className={mono ? 'flush break-all pre-wrap mono' : 'flush break-all pre-wrap'}>{value}</dd>
    </div>
  );
}

function normaliseFolder(path: string): string {
  const clean = `/${path.split('/').filter(Boolean).join('/')}`;
  return clean;
}
