'use client';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { PageNav } from '@/components/ui/pager';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { DataTable, NoMatchRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { type DriftState, useDriftReport, useRepairConfig, useVerifyConfig } from '@/lib/drift/hooks';
import { formatServerTime } from '@/lib/format/format';
import { usePermission } from '@/lib/users/hooks';

const STATES: Array<{ state: DriftState; label: string; count: 'missing' | 'different' | 'extra' }> = [
  { state: 'MISSING', label: 'Missing at target', count: 'missing' },
  { state: 'DIFFERENT', label: 'Different at target', count: 'different' },
  { state: 'EXTRA', label: 'Extra at target', count: 'extra' },
];

const shortDigest = (digest: string | null) => (digest ? digest.replace(/^sha256:/, '').slice(0, 12) : '—');

/**
 * A config's drift: its latest check (counts, time), the out-of-sync artifacts grouped by state,
 * "Verify now" (answers when the check ends) and "Repair" (queues a run of the missing and
 * different artifacts, which overwrites at the target).
 */
export function DriftSection({ projectId, repoName, name }: { projectId: string; repoName: string; name: string }) {
  const [state, setState] = useState<DriftState>('MISSING');
  const [pageNumber, setPageNumber] = useState(1);
  const report = useDriftReport(projectId, repoName, name, { state, pageNumber });
  const verify = useVerifyConfig(projectId, repoName);
  const repair = useRepairConfig(projectId, repoName);
  const maintain = usePermission(projectId, 'MAINTAINER');
  const check = report.data?.check ?? null;
  const repairable = check ? check.missing + check.different : 0;
  const history = `/projects/${encodeURIComponent(projectId)}/${encodeURIComponent(repoName)}/configs/${encodeURIComponent(name)}/history`;

  const onVerify = () =>
    verify.mutate(name, {
      onSuccess: (ended) => {
        void report.refetch();
        toast(ended.outOfSync > 0 ? `${name}: ${ended.outOfSync} out of sync` : `${name} is in sync`);
      },
      onError: (error) => toast(`Could not verify ${name}: ${error.message}`, 'error'),
    });
  const onRepair = () =>
    repair.mutate(name, {
      onSuccess: (queued) => toast(`Repair of ${queued.artifacts} artifact${queued.artifacts === 1 ? '' : 's'} queued`),
      onError: (error) => toast(`Could not repair ${name}: ${error.message}`, 'error'),
    });

  return (
    <section className="card stack" aria-labelledby="drift-heading" data-testid="drift-section">
      <div className="row between">
        <h3 id="drift-heading" className="flush">
          Drift
        </h3>
        <div className="row">
          <Button size="sm" onClick={onVerify} disabled={verify.isPending} disabledReason={maintain.reason}>
            {verify.isPending ? 'Verifying…' : 'Verify now'}
          </Button>
          <Button
            size="sm"
            variant="primary"
            onClick={onRepair}
            disabled={repair.isPending || repairable === 0}
            disabledReason={maintain.reason ?? (check && repairable === 0 ? 'Nothing missing or different to repair' : undefined)}
          >
            Repair
          </Button>
          <ButtonLink href={history} size="sm">
            Runs
          </ButtonLink>
        </div>
      </div>
      <QueryView query={report} loading="Loading drift" rows={3}>
        {(data) =>
          data.check === null ? (
            <EmptyState title="Never checked">
              Verify compares this repository with the target: each image tag by digest, each file by sha256, and lists what the target
              holds in the config&apos;s scope that this repository does not.
            </EmptyState>
          ) : (
            <div className="stack">
              <p className="flush" data-testid="drift-summary">
                <Badge tone={data.check.outOfSync > 0 || data.check.status === 'FAILED' ? 'danger' : 'success'}>
                  {data.check.status === 'FAILED'
                    ? 'check failed'
                    : data.check.outOfSync > 0
                      ? `${data.check.outOfSync} out of sync`
                      : 'in sync'}
                </Badge>{' '}
                {data.check.inSync} in sync · checked {formatServerTime(data.check.endTime ?? data.check.startTime)} (
                {data.check.trigger.toLowerCase()}
                {data.check.status === 'PARTIAL' ? ', partial' : ''})
              </p>
              {data.check.errorReason ? <p className="text-xs text-danger">{data.check.errorReason}</p> : null}
              <fieldset className="row bare">
                <legend className="sr-only">Drift state</legend>
                {STATES.map((option) => (
                  <Button
                    key={option.state}
                    size="sm"
                    variant={option.state === state ? 'primary' : 'default'}
                    aria-pressed={option.state === state}
                    onClick={() => {
                      setState(option.state);
                      setPageNumber(1);
                    }}
                  >
                    {option.label} ({data.check?.[option.count] ?? 0})
                  </Button>
                ))}
              </fieldset>
              <DataTable
                caption={`${STATES.find((s) => s.state === state)?.label} for ${name}`}
                columns={['Artifact', 'Version', 'Source', 'Target']}
              >
                {data.items.records.length === 0 ? <NoMatchRow columns={4}>None.</NoMatchRow> : null}
                {data.items.records.map((item) => (
                  <tr key={`${item.artifactKind}:${item.artifactName}:${item.version ?? ''}`} data-testid="drift-item">
                    <td>{item.artifactName}</td>
                    <td>{item.version ?? '—'}</td>
                    <td className="mono text-xs">{shortDigest(item.sourceDigest)}</td>
                    <td className="mono text-xs">{shortDigest(item.targetDigest)}</td>
                  </tr>
                ))}
              </DataTable>
              <PageNav page={data.items} onPage={setPageNumber} noun="artifact" />
            </div>
          )
        }
      </QueryView>
    </section>
  );
}
