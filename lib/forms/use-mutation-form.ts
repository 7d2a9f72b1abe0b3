'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { type DefaultValues, type FieldValues, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { type FieldOf, showServerError } from './server-errors';

type Callbacks<R> = { onSuccess: (result: R) => void; onError: (error: Error) => void };

type MutationFormOptions<I extends FieldValues, O, R> = {
  /** The request schema (or the form's own, derived from it): checks the values before anything is sent. */
  schema: z.ZodType<O, I>;
  defaultValues: DefaultValues<I>;
  /** The fields the form shows: a refusal of any other field becomes the form-level message. */
  fieldOf: FieldOf<I>;
  /** Sends the checked values: a react-query `mutate`, or a function that shapes the request and calls one. */
  mutate: (values: O, callbacks: Callbacks<R>) => void;
  onSuccess: (result: R) => void;
};

/**
 * A form checked by a zod schema whose submit sends the values through a mutation; a failed request
 * shows on the field the server named, or as the form's own message (showServerError).
 */
export function useMutationForm<I extends FieldValues, O, R>({
  schema,
  defaultValues,
  fieldOf,
  mutate,
  onSuccess,
}: MutationFormOptions<I, O, R>) {
  const form = useForm<I, unknown, O>({ resolver: zodResolver(schema), defaultValues });
  const onSubmit = form.handleSubmit((values) =>
    mutate(values, {
      onSuccess,
      onError: (error) => showServerError(error, form, fieldOf),
    }),
  );
  return { form, onSubmit };
}

type DialogFormOptions<I extends FieldValues, O, R> = Omit<MutationFormOptions<I, O, R>, 'mutate'> & {
  /** A react-query mutation taking the checked values (or `mutate` wrapped to shape them): `isPending` disables the submit. */
  mutation: { mutate: MutationFormOptions<I, O, R>['mutate']; isPending: boolean };
  /** Keep what was typed after a success (an edit dialog, which resets to the record when opened). */
  keepValues?: boolean;
};

/**
 * A mutation form in a dialog: `dialog` goes to FormDialog (open state, submit, form-level message, busy).
 * A success closes the dialog and, unless `keepValues`, empties the form for the next one.
 */
export function useDialogForm<I extends FieldValues, O, R>({
  mutation,
  onSuccess,
  keepValues = false,
  ...options
}: DialogFormOptions<I, O, R>) {
  const [open, setOpen] = useState(false);
  const { form, onSubmit } = useMutationForm({
    ...options,
    mutate: mutation.mutate,
    onSuccess: (result: R) => {
      onSuccess(result);
      setOpen(false);
      if (!keepValues) form.reset();
    },
  });
  const error = form.formState.errors.root?.message;
  return { form, dialog: { open, onOpenChange: setOpen, onSubmit, error, busy: mutation.isPending } };
}
