'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { FormSelect, TextField } from '@/components/ui/form-controls';
import { toast } from '@/components/ui/toast';
import { shownFields, showServerError } from '@/lib/forms/server-errors';
import { useSetMember } from '@/lib/members/hooks';
import { setMemberSchema } from '@/lib/members/schemas';
import { ROLE_OPTIONS } from './role-options';

type FormValues = z.input<typeof setMemberSchema>;

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['userId', 'role']);

/** Adds a user to the project (or changes the role of one already in it). */
export function AddMemberForm({ projectId }: { projectId: string }) {
  const setMember = useSetMember(projectId);
  const form = useForm<FormValues>({ resolver: zodResolver(setMemberSchema), defaultValues: { userId: '', role: 'VIEWER' } });
  const onSubmit = form.handleSubmit((values) =>
    setMember.mutate(values, {
      onSuccess: (member) => {
        toast(`${member.userId} is ${member.role} on ${projectId}`);
        form.reset();
      },
      onError: (error) => showServerError(error, form, fieldOf),
    }),
  );
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-label="Add member">
      <h2 className="flush">Add member</h2>
      <FormError message={form.formState.errors.root?.message} />
      <div className="row top">
        <TextField control={form.control} name="userId" label="User id" hint="The user's login name" className="grow" autoComplete="off" />
        <FormSelect control={form.control} name="role" label="Role" className="role-select" options={ROLE_OPTIONS} />
        <Button className="beside-field" type="submit" variant="primary" disabled={setMember.isPending}>
          Add member
        </Button>
      </div>
    </form>
  );
}
