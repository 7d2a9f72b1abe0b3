'use client';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormSelect, TextField } from '@/components/ui/form-controls';
import type { AuditFilters } from '@/lib/audit/hooks';
import { type AuditOutcome, auditActions } from '@/lib/audit/schemas';
import { useProjects } from '@/lib/projects/hooks';

const OUTCOMES: readonly AuditOutcome[] = ['OK', 'DENIED', 'FAILED'];

/** The pickers' value for "no filter" (no action, outcome or project is named "*"). */
const ANY = '*';

type FilterValues = { projectId: string; userId: string; action: string; outcome: string; after: string; before: string };

const fromQuery = (q: AuditFilters): FilterValues => ({
  projectId: q.projectId ?? ANY,
  userId: q.userId ?? '',
  action: q.action ?? ANY,
  outcome: q.outcome ?? ANY,
  after: q.after ?? '',
  before: q.before ?? '',
});

const orUndefined = (value: string) => (value === ANY || value.trim() === '' ? undefined : value.trim());

function toQuery(values: FilterValues): AuditFilters {
  return {
    projectId: orUndefined(values.projectId),
    userId: orUndefined(values.userId),
    action: auditActions.find((a) => a === values.action),
    outcome: OUTCOMES.find((o) => o === values.outcome),
    after: orUndefined(values.after),
    before: orUndefined(values.before),
  };
}

/** `projects`: 'ALL' for administrators (any project, or none), else the projects the user administers (one must be chosen). */
export function AuditFilterForm({
  projects,
  initial,
  onApply,
}: {
  projects: 'ALL' | string[];
  initial: AuditFilters;
  onApply: (query: AuditFilters) => void;
}) {
  const allProjects = useProjects();
  const form = useForm<FilterValues>({ defaultValues: fromQuery(initial) });
  const projectOptions =
    projects === 'ALL'
      ? [{ value: ANY, label: 'All projects' }, ...(allProjects.data ?? []).map((p) => ({ value: p.name, label: p.name }))]
      : projects.map((p) => ({ value: p, label: p }));
  return (
    <form className="card audit-filters" aria-label="Audit filters" onSubmit={form.handleSubmit((values) => onApply(toQuery(values)))}>
      <FormSelect control={form.control} name="projectId" label="Project" options={projectOptions} />
      <TextField control={form.control} name="userId" label="User" placeholder="user id" autoComplete="off" />
      <FormSelect
        control={form.control}
        name="action"
        label="Action"
        options={[{ value: ANY, label: 'Any action' }, ...auditActions.map((a) => ({ value: a, label: a }))]}
      />
      <FormSelect
        control={form.control}
        name="outcome"
        label="Outcome"
        options={[{ value: ANY, label: 'Any outcome' }, ...OUTCOMES.map((o) => ({ value: o, label: o }))]}
      />
      <TextField control={form.control} name="after" label="From" hint="Server time zone" type="datetime-local" />
      <TextField control={form.control} name="before" label="To" hint="Server time zone" type="datetime-local" />
      <div className="row">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button
          onClick={() => {
            const reset = projects === 'ALL' ? {} : { projectId: projects[0] };
            form.reset(fromQuery(reset));
            onApply(reset);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
