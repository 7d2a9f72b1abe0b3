'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { DeleteAction } from '@/components/ui/delete-action';
import { FormCard } from '@/components/ui/form-card';
import { FormRadioGroup, FormSelect, TextField } from '@/components/ui/form-controls';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { ACTIONS, ActionsCell, DataTable } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '@/lib/auth/hooks';
import { type ApiTokenInfo, createApiTokenSchema } from '@/lib/auth/schemas';
import { formatServerTime } from '@/lib/format/format';
import { shownFields } from '@/lib/forms/server-errors';
import { useMutationForm } from '@/lib/forms/use-mutation-form';
import { useProjects } from '@/lib/projects/hooks';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'expiresAt', 'projectId', 'access']);

/** The project picker's value for "no project scope" (not a valid project name, so never a project). */
const ALL_PROJECTS = '*';

const ACCESS_OPTIONS = [
  { value: 'WRITE', label: 'Write', description: 'Everything your role allows (push, upload, change configs).' },
  { value: 'READ', label: 'Read only', description: 'Only what a VIEWER may: pull, download, read.' },
];

/** "all projects · WRITE", "p1 · READ" */
function describeScope(token: Pick<ApiTokenInfo, 'projectId' | 'access'>): string {
  return `${token.projectId ?? 'all projects'} · ${token.access}`;
}

export function TokenManager() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const projects = useProjects();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const { form, onSubmit } = useMutationForm({
    schema: createApiTokenSchema,
    defaultValues: { name: '', expiresAt: '', projectId: ALL_PROJECTS, access: 'WRITE' },
    fieldOf,
    mutate: (values, callbacks) =>
      create.mutate(
        // The API takes the typed text (server-zone wall time); the schema only checked it.
        {
          name: values.name,
          expiresAt: form.getValues('expiresAt') || undefined,
          projectId: values.projectId === ALL_PROJECTS ? undefined : values.projectId,
          access: values.access,
        },
        callbacks,
      ),
    onSuccess: (token: ApiTokenInfo & { token: string }) => {
      setCreated({ name: token.name, token: token.token });
      toast(`Token ${token.name} created`);
      form.reset();
    },
  });
  const { errors } = form.formState;
  return (
    <div className="stack">
      <FormCard title="New token" label="Create API token" onSubmit={onSubmit} error={errors.root?.message}>
        <div className="row top">
          <TextField control={form.control} name="name" label="Token name" className="grow" />
          <TextField control={form.control} name="expiresAt" label="Expires (optional)" hint="Server time zone" type="datetime-local" />
          <Button className="beside-field" type="submit" variant="primary" disabled={create.isPending}>
            Create token
          </Button>
        </div>
        <div className="grid-2">
          <FormSelect
            control={form.control}
            name="projectId"
            label="Project"
            hint="A token limited to one project sees no other."
            options={[
              { value: ALL_PROJECTS, label: 'All my projects' },
              ...(projects.data ?? []).map((p) => ({ value: p.name, label: p.name })),
            ]}
          />
          <FormRadioGroup control={form.control} name="access" label="Access" options={ACCESS_OPTIONS} />
        </div>
        {created ? (
          <div className="notice info stack" data-testid="new-token">
            <strong>Copy the token {created.name} now: it is shown only once.</strong>
            <div className="row">
              <code className="break-all">{created.token}</code>
              <CopyButton text={created.token} label="Copy token" />
              <Button size="sm" variant="ghost" onClick={() => setCreated(null)}>
                Done
              </Button>
            </div>
          </div>
        ) : null}
      </FormCard>
      <QueryView
        query={tokens}
        loading="Loading tokens"
        empty={<EmptyState title="No API tokens">Create one above for a script or CI job.</EmptyState>}
      >
        {(list) => (
          <DataTable caption="Your API tokens" columns={['Name', 'Prefix', 'Scope', 'Created', 'Expires', 'Last used', ACTIONS]}>
            {list.map((token) => (
              <tr key={token.id} data-testid={`token-row-${token.name}`}>
                <td>{token.name}</td>
                <td className="mono">{token.tokenPrefix}…</td>
                <td data-testid="token-scope">{describeScope(token)}</td>
                <td>{formatServerTime(token.createdDate)}</td>
                <td>{token.expiredDate ? formatServerTime(token.expiredDate) : 'never'}</td>
                <td>{formatServerTime(token.lastUsedDate)}</td>
                <ActionsCell>
                  <DeleteAction
                    what="token"
                    name={token.name}
                    verb="Revoke"
                    description="Scripts using it stop working at once."
                    run={() => revoke.mutateAsync(token.id)}
                  />
                </ActionsCell>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </div>
  );
}
