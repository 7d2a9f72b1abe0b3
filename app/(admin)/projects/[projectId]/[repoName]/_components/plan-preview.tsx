'use client';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog';
import { TableSkeleton } from '@/components/ui/states';
import { DataTable } from '@/components/ui/table';
import { formatBytes } from '@/lib/format/format';
import { type Plan, type PlanArtifact, type PlanSubject, usePlanPreview } from '@/lib/plans/hooks';

/** The groups of the dialog, in the order people look for them. */
const GROUPS: Array<{ fate: PlanArtifact['fate']; title: string; tone?: 'success' | 'danger' | 'running' | 'warn' }> = [
  { fate: 'COPY', title: 'Copy', tone: 'running' },
  { fate: 'CONFLICT', title: 'Conflict', tone: 'warn' },
  { fate: 'SKIP', title: 'Already there (skip)', tone: 'success' },
  { fate: 'FAIL', title: 'Would fail', tone: 'danger' },
  { fate: 'UNKNOWN', title: 'Not known', tone: 'warn' },
];

const CONFLICT_WORDS: Record<string, string> = {
  SKIPPED: 'different there: left as it is (skip)',
  OVERWRITTEN: 'different there: overwritten',
  RUN_FAILS: 'different there: the artifact fails, and so the run',
};

type Props = {
  projectId: string;
  repoName: string;
  /** What to plan, asked when the button is pressed (the form validates first; null = nothing to plan). */
  subject: () => Promise<PlanSubject | null> | PlanSubject | null;
  label?: string;
  /** Names the row in lists, e.g. "Preview nightly". */
  ariaLabel?: string;
  size?: 'sm' | 'md';
  disabledReason?: string;
};

/** A "Preview" button: asks for a dry-run plan and shows it in a dialog, grouped by fate with totals. */
export function PlanPreviewButton({ projectId, repoName, subject, label = 'Preview', ariaLabel, size, disabledReason }: Props) {
  const preview = usePlanPreview(projectId, repoName);
  const [open, setOpen] = useState(false);
  const start = async () => {
    const wanted = await subject();
    if (!wanted) return;
    preview.reset();
    setOpen(true);
    preview.mutate(wanted);
  };
  return (
    <>
      <Button size={size} onClick={() => void start()} aria-label={ariaLabel} disabledReason={disabledReason} disabled={preview.isPending}>
        {label}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent title="What a run would do now" description="A dry run: the target was only read, nothing was copied.">
          <div className="stack plan-preview" data-testid="plan-preview">
            {preview.isPending ? <TableSkeleton rows={3} label="Asking the target" /> : null}
            {preview.error ? (
              <p className="error flush text-danger" role="alert" data-testid="plan-error">
                {preview.error.message}
              </p>
            ) : null}
            {preview.data ? <PlanView plan={preview.data} /> : null}
          </div>
          <div className="dialog-actions">
            <DialogClose asChild>
              <Button>Close</Button>
            </DialogClose>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const { totals } = plan;
  return (
    <>
      {plan.partial ? (
        <p className="card subtle flush" role="status" data-testid="plan-partial">
          <strong>Partial plan:</strong> {plan.partialReason}. {totals.byFate.UNKNOWN} of {totals.artifacts} artifacts are not known; the
          totals count only the others.
        </p>
      ) : null}
      <dl className="grid-2 flush" data-testid="plan-totals">
        <div>
          <dt className="muted text-xs">Target</dt>
          <dd className="flush">{plan.target}</dd>
        </div>
        <div>
          <dt className="muted text-xs">Artifacts</dt>
          <dd className="flush">
            {totals.artifacts} ({totals.byFate.COPY} to copy, {totals.byFate.CONFLICT} in conflict, {totals.byFate.SKIP} already there)
          </dd>
        </div>
        <div>
          <dt className="muted text-xs">Bytes to move</dt>
          <dd className="flush" data-testid="plan-bytes">
            {formatBytes(totals.bytesToMove)} of {formatBytes(totals.sourceBytes)}
          </dd>
        </div>
        <div>
          <dt className="muted text-xs">Estimated time</dt>
          <dd className="flush" data-testid="plan-estimate">
            {totals.estimate}
          </dd>
        </div>
      </dl>
      {totals.artifacts === 0 ? (
        <p className="muted flush">Nothing to distribute: the repository holds nothing this config selects.</p>
      ) : null}
      {GROUPS.map((group) => {
        const rows = plan.artifacts.filter((artifact) => artifact.fate === group.fate);
        if (rows.length === 0) return null;
        return (
          <section key={group.fate} className="stack" data-testid={`plan-group-${group.fate}`}>
            <h3 className="flush">
              <Badge tone={group.tone}>{group.title}</Badge> {rows.length}
            </h3>
            <DataTable caption={`${group.title}: ${rows.length} artifacts`} columns={['Artifact', 'Size', 'To move', 'Note']}>
              {rows.map((row) => (
                <tr key={`${row.name}:${row.version ?? ''}`}>
                  <td>
                    <div className="mono">{row.version ? `${row.name}:${row.version}` : row.name}</div>
                    {row.digest ? <div className="muted text-xs mono">{row.digest.slice(0, 19)}…</div> : null}
                  </td>
                  <td className="nowrap">{formatBytes(row.size)}</td>
                  <td className="nowrap">{row.bytesToMove === null ? '—' : formatBytes(row.bytesToMove)}</td>
                  <td className="text-xs">{row.conflictAction ? CONFLICT_WORDS[row.conflictAction] : (row.reason ?? '')}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        );
      })}
    </>
  );
}
