'use client';
import { Button } from '@/components/ui/button';
import { FormCard } from '@/components/ui/form-card';
import { FormSelect, TextField } from '@/components/ui/form-controls';
import { toast } from '@/components/ui/toast';
import { shownFields } from '@/lib/forms/server-errors';
import { useMutationForm } from '@/lib/forms/use-mutation-form';
import { useSetMember } from '@/lib/members/hooks';
import { setMemberSchema } from '@/lib/members/schemas';
import { ROLE_OPTIONS } from './role-options';

/** The fields the form shows; any other refusal is a form-level message. */
const fieldOf = shownFields(['userId', 'role']);

/** Adds a user to the project (or changes the role of one already in it). */
export function AddMemberForm({ projectId }: { projectId: string }) {
  const setMember = useSetMember(projectId);
  const { form, onSubmit } = useMutationForm({
    schema: setMemberSchema,
    defaultValues: { userId: '', role: 'VIEWER' },
    fieldOf,
    mutate: setMember.mutate,
    onSuccess: (member) => {
      toast(`${member.userId} is ${member.role} on ${projectId}`);
      form.reset();
    },
  });
  return (
    <FormCard title="Add member" onSubmit={onSubmit} error={form.formState.errors.root?.message}>
      <div className="row top">
        <TextField control={form.control} name="userId" label="User id" hint="The user's login name" className="grow" autoComplete="off" />
        <FormSelect control={form.control} name="role" label="Role" className="role-select" options={ROLE_OPTIONS} />
        <Button className="beside-field" type="submit" variant="primary" disabled={setMember.isPending}>
          Add member
        </Button>
      </div>
    </FormCard>
  );
}
