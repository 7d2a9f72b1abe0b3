'use client';
import { useFormContext } from 'react-hook-form';
import { FormRadioGroup, FormSelect, TextField } from '@/components/ui/form-controls';
import { useClusters } from '@/lib/clusters/hooks';
import type { TargetFormValues } from '@/lib/distribution/target-form';
import { CredentialFields } from '../../../../_components/credential-fields';

type Props = {
  repoType: 'GENERIC' | 'DOCKER';
  /** Editing a target whose password is stored: blank keeps it. */
  hasStoredPassword?: boolean;
};

/** Where a config or run-once task copies to: an OCI registry, or a repository on another Ferry cluster. */
export function TargetFieldset({ repoType, hasStoredPassword = false }: Props) {
  const form = useFormContext<TargetFormValues>();
  const clusters = useClusters();
  const targetKind = form.watch('targetKind');
  return (
    <fieldset className="stack">
      <legend>Target</legend>
      <FormRadioGroup
        control={form.control}
        name="targetKind"
        aria-label="Target kind"
        inline
        options={[
          {
            value: 'registry',
            label: 'Registry (heterogeneous)',
            description:
              repoType === 'GENERIC' ? 'Only for DOCKER repositories: registries take images' : 'Any OCI registry: Harbor, Docker Hub, …',
            disabled: repoType === 'GENERIC',
          },
          { value: 'cluster', label: 'Cluster (homogeneous)', description: 'A repository on another Ferry cluster' },
        ]}
      />
      {targetKind === 'registry' ? (
        <div className="grid-2">
          <TextField
            control={form.control}
            name="registry"
            label="Registry"
            hint="host[:port]/namespace, e.g. registry.example.com/library"
            autoComplete="off"
          />
          <CredentialFields
            passwordHint={hasStoredPassword ? 'A password is stored. Leave blank to keep it.' : 'Write-only: Ferry never shows it again.'}
            keepsStored={hasStoredPassword}
          />
          <TextField
            control={form.control}
            name="certificate"
            label="CA certificate (PEM, optional)"
            hint="For registries whose certificate is not publicly trusted."
            multiline
            rows={3}
            inputClassName="mono"
          />
        </div>
      ) : (
        <div className="grid-2">
          <FormSelect
            control={form.control}
            name="clusterId"
            label="Cluster"
            hint={
              clusters.isError
                ? `Could not load clusters: ${clusters.error.message}`
                : clusters.data?.length === 0
                  ? 'No clusters registered yet: register one under Clusters.'
                  : undefined
            }
            placeholder={clusters.isPending ? 'Loading clusters…' : 'Choose a cluster'}
            options={(clusters.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.url})` }))}
          />
          <TextField control={form.control} name="remoteProjectId" label="Remote project" />
          <TextField control={form.control} name="remoteRepoName" label="Remote repository" />
        </div>
      )}
    </fieldset>
  );
}
