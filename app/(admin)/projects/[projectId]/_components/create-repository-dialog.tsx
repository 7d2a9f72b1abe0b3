'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { Field, FormError, Input, Textarea } from '@/components/ui/field';
import { RadioGroup } from '@/components/ui/radio-group';
import { toast } from '@/components/ui/toast';
import { shownFields, showServerError } from '@/lib/forms/server-errors';
import { useCreateRepository } from '@/lib/projects/hooks';
import { createRepositorySchema } from '@/lib/projects/schemas';

type FormInput = z.input<typeof createRepositorySchema>;
type FormOutput = z.output<typeof createRepositorySchema>;

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['name', 'type', 'description']);

export function CreateRepositoryDialog({ projectId }: { projectId: string }) {
  const [open, setOpen] = useState(false);
  const create = useCreateRepository();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createRepositorySchema),
    defaultValues: { projectId, name: '', type: 'GENERIC', description: '' },
  });
  const onSubmit = form.handleSubmit((values) =>
    create.mutate(values, {
      onSuccess: (repo) => {
        toast(`Repository ${repo.name} created`);
        setOpen(false);
        form.reset();
      },
      onError: (error) => showServerError(error, form, fieldOf),
    }),
  );
  const errors = form.formState.errors;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="primary">New repository</Button>
      </DialogTrigger>
      <DialogContent title="New repository" description={`In project ${projectId}.`}>
        <form className="stack" onSubmit={onSubmit} noValidate>
          <FormError message={errors.root?.message} />
          <Field label="Name" error={errors.name?.message} hint="DOCKER repositories need a lowercase name (images are addressed by it).">
            <Input {...form.register('name')} />
          </Field>
          <div className="field">
            <span className="label" id="repo-type-label">
              Type
            </span>
            <Controller
              control={form.control}
              name="type"
              render={({ field }) => (
                <RadioGroup
                  aria-labelledby="repo-type-label"
                  inline
                  value={field.value}
                  onValueChange={field.onChange}
                  options={[
                    { value: 'GENERIC', label: 'GENERIC', description: 'Files in folders' },
                    { value: 'DOCKER', label: 'DOCKER', description: 'OCI images and tags' },
                  ]}
                />
              )}
            />
          </div>
          <Field label="Description" error={errors.description?.message}>
            <Textarea {...form.register('description')} />
          </Field>
          <div className="dialog-actions">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              Create repository
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
