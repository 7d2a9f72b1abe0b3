'use client';
import { useFormContext } from 'react-hook-form';
import { Field, Input, Textarea } from '@/components/ui/field';
import { FormRadioGroup, FormSelect } from '@/components/ui/form-controls';
import { useClusters } from '@/lib/clusters/hooks';
import type { TargetFormValues } from '@/lib/distribution/target-form';
import { CredentialFields } from '../../../../_components/credential-fields';

type Props = {
  repoType: 'GENERIC' | 'DOCKER' /** Editing a target whose password is stored: blank keeps it. */;
  hasStoredPassword?: boolean;
};

/** Where a config or run-once task copies to: an OCI registry, or a repository on another Ferry cluster. */
export function TargetFieldset({ repoType, hasStoredPassword = false }: Props) {
  const form = useFormContext<TargetFormValues>();
  const clusters = useClusters();
  const { errors } = form.formState;
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
          <Field label="Registry" error={errors.registry?.message} hint="host[:port]/namespace, e.g. registry.example.com/library">
            <Input {...form.register('registry')} autoComplete="off" />
          </Field>
          <CredentialFields
            passwordHint={hasStoredPassword ? 'A password is stored. Leave blank to keep it.' : 'Write-only: Ferry never shows it again.'}
            keepsStored={hasStoredPassword}
          />
          <Field
            label="CA certificate (PEM, optional)"
            error={errors.certificate?.message}
            hint="For registries whose certificate is not publicly trusted."
          >
            <Textarea {...form.register('certificate')} rows={3} className="mono" />
          </Field>
        </div>
      ) : (
        <div className="grid-2">
          <FormSelect
            control={form.control}
            name="clusterId"
            label="Cluster"
            error={errors.clusterId?.message}
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
          <Field label="Remote project" error={errors.remoteProjectId?.message}>
            <Input {...form.register('remoteProjectId')} />
          </Field>
          <Field label="Remote repository" error={errors.remoteRepoName?.message}>
            <Input {...form.register('remoteRepoName')} />
          </Field>
        </div>
      )}
    </fieldset>
  );
}
