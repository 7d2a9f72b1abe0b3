'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Field, FormError, Input, Textarea } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { useSaveCluster } from '@/lib/clusters/hooks';
import { type ClusterInfo, clusterTypes, createClusterSchema, updateClusterSchema } from '@/lib/clusters/schemas';
import { shownFields, showServerError } from '@/lib/forms/server-errors';

type FormInput = z.input<typeof updateClusterSchema>;

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'url', 'username', 'password', 'type', 'certificate']);

/** Register a cluster, or edit one (password write-only: blank keeps the stored one). */
export function ClusterDialog({ cluster }: { cluster?: ClusterInfo }) {
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
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next && cluster) form.reset({ ...form.getValues(), password: '' });
      }}
    >
      <DialogTrigger asChild>
        {cluster ? (
          <Button size="sm" aria-label={`Edit cluster ${cluster.name}`}>
            Edit
          </Button>
        ) : (
          <Button variant="primary">Register cluster</Button>
        )}
      </DialogTrigger>
      <DialogContent
        title={cluster ? `Edit cluster ${cluster.name}` : 'Register cluster'}
        description="Ferry calls the cluster's /replication/api/version with these credentials to check it."
      >
        <form className="stack" onSubmit={onSubmit} noValidate>
          <FormError message={errors.root?.message} />
          <Field label="Name" error={errors.name?.message}>
            <Input {...form.register('name')} />
          </Field>
          <Field label="URL" error={errors.url?.message} hint="http(s)://host:port of the other Ferry server">
            <Input {...form.register('url')} placeholder="https://ferry.example.com" />
          </Field>
          <div className="grid-2">
            <Field label="Username" error={errors.username?.message}>
              <Input {...form.register('username')} autoComplete="off" />
            </Field>
            <Field
              label="Password"
              error={errors.password?.message}
              hint={cluster ? 'Leave blank to keep the stored password.' : 'Write-only: never shown again.'}
            >
              <Input
                type="password"
                {...form.register('password')}
                autoComplete="new-password"
                placeholder={cluster ? '•••••••• (leave blank to keep)' : ''}
              />
            </Field>
          </div>
          <Controller
            control={form.control}
            name="type"
            render={({ field }) => (
              <Field label="Type" error={errors.type?.message}>
                <Select
                  value={field.value ?? 'STANDALONE'}
                  onValueChange={field.onChange}
                  options={clusterTypes.map((t) => ({ value: t, label: t }))}
                />
              </Field>
            )}
          />
          <Field label="CA certificate (PEM, optional)" error={errors.certificate?.message}>
            <Textarea {...form.register('certificate')} rows={3} className="mono" />
          </Field>
          <div className="dialog-actions">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={save.isPending}>
              {cluster ? 'Save cluster' : 'Register'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
