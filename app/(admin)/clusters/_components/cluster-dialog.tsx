'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormSelect, TextField } from '@/components/ui/form-controls';
import { FormDialog } from '@/components/ui/form-dialog';
import { toast } from '@/components/ui/toast';
import { useSaveCluster } from '@/lib/clusters/hooks';
import { type ClusterInfo, clusterTypes, createClusterSchema, updateClusterSchema } from '@/lib/clusters/schemas';
import { shownFields, showServerError } from '@/lib/forms/server-errors';
import { usePermission } from '@/lib/users/hooks';
import { CredentialFields } from '../../_components/credential-fields';

type FormInput = z.input<typeof updateClusterSchema>;

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'url', 'username', 'password', 'type', 'certificate']);

/** Register a cluster, or edit one (password write-only: blank keeps the stored one). */
export function ClusterDialog({ cluster }: { cluster?: ClusterInfo }) {
  const allowed = usePermission(null, 'ADMIN');
  const [open, setOpen] = useState(false);
  const save = useSaveCluster();
  const schema = cluster ? updateClusterSchema : createClusterSchema;
  const form = useForm<FormInput>({
    resolver: zodResolver(schema as typeof updateClusterSchema),
    defaultValues: {
      id: cluster?.id ?? '',
      name: cluster?.name ?? '',
      url: cluster?.url ?? '',
      username: cluster?.username ?? '',
      password: '',
      certificate: cluster?.certificate ?? '',
      type: cluster?.type ?? 'STANDALONE',
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    const body = { ...values, password: values.password || undefined };
    save.mutate(cluster ? { update: { ...body, id: cluster.id } } : { create: body as z.input<typeof createClusterSchema> }, {
      onSuccess: (saved) => {
        toast(cluster ? `Cluster ${saved.name} saved` : `Cluster ${saved.name} registered`);
        setOpen(false);
        if (!cluster) form.reset();
      },
      onError: (error) => showServerError(error, form, fieldOf),
    });
  });
  const { errors } = form.formState;
  return (
    <FormProvider {...form}>
      <FormDialog
        trigger={
          cluster ? (
            <Button size="sm" aria-label={`Edit cluster ${cluster.name}`} disabledReason={allowed.reason}>
              Edit
            </Button>
          ) : (
            <Button variant="primary" disabledReason={allowed.reason}>
              Register cluster
            </Button>
          )
        }
        title={cluster ? `Edit cluster ${cluster.name}` : 'Register cluster'}
        description="Ferry calls the cluster's /replication/api/version with these credentials to check it."
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next && cluster) form.reset({ ...form.getValues(), password: '' });
        }}
        onSubmit={onSubmit}
        error={errors.root?.message}
        submitLabel={cluster ? 'Save cluster' : 'Register'}
        busy={save.isPending}
      >
        <TextField control={form.control} name="name" label="Name" />
        <TextField
          control={form.control}
          name="url"
          label="URL"
          hint="http(s)://host:port of the other Ferry server"
          placeholder="https://ferry.example.com"
        />
        <div className="grid-2">
          <CredentialFields
            passwordHint={cluster ? 'Leave blank to keep the stored password.' : 'Write-only: never shown again.'}
            keepsStored={Boolean(cluster)}
          />
        </div>
        <FormSelect control={form.control} name="type" label="Type" options={clusterTypes.map((t) => ({ value: t, label: t }))} />
        <TextField
          control={form.control}
          name="certificate"
          label="CA certificate (PEM, optional)"
          multiline
          rows={3}
          inputClassName="mono"
        />
      </FormDialog>
    </FormProvider>
  );
}
