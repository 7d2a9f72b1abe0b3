import type { ComponentType } from 'react';
import type { Needed } from '@/lib/users/rights';
import { RequireRights } from '../../../../_components/require-rights';

type RepoParams = { projectId: string; repoName: string; name?: string };

/** A page of one repository (or a config or task in it): `Content` gets the path's segments decoded; `needed` guards it. */
export function repoPage<P extends RepoParams>(Content: ComponentType<P>, needed?: Needed) {
  return async function RepoPage({ params }: { params: Promise<P> }) {
    const decoded = Object.fromEntries(Object.entries(await params).map(([key, value]) => [key, decodeURIComponent(value)])) as P;
    const content = <Content {...decoded} />;
    if (!needed) return content;
    return (
      <RequireRights projectId={decoded.projectId} needed={needed}>
        {content}
      </RequireRights>
    );
  };
}
